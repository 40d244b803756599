package org.tipline.office.signin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipline.platform.config.TiplineConfig;

/**
 * Slows down password guessing against office accounts, per account and globally, without
 * looking at who is asking. The per-account state is kept for every username tried, known
 * or not, so the answers never tell which accounts exist.
 */
@ApplicationScoped
public class LoginThrottle {

    /** Failures an account may have before each further attempt must wait. */
    static final int FREE_FAILURES = 3;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGIVE_AFTER = Duration.ofDays(1);
    private static final int TRACKED_USERNAMES = 10_000;

    private final Clock clock;
    private final int globalPerMinute;
    private final Map<String, Failures> byUsername = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > TRACKED_USERNAMES;
        }
    };
    private long windowStartMillis;
    private int failuresInWindow;

    @Inject
    public LoginThrottle(TiplineConfig config) {
        this(Clock.systemUTC(), config.review().failedLoginsPerMinute());
    }

    LoginThrottle(Clock clock, int globalPerMinute) {
        this.clock = clock;
        this.globalPerMinute = globalPerMinute;
    }

    /** How long the caller must wait before trying {@code username}, or {@link Duration#ZERO}. */
    public synchronized Duration waitBefore(String username) {
        long now = clock.millis();
        rollWindow(now);
        Duration wait = Duration.ZERO;
        if (failuresInWindow >= globalPerMinute) {
            wait = Duration.ofMillis(windowStartMillis + 60_000 - now);
        }
        Failures failures = byUsername.get(username);
        if (failures != null && failures.notBefore.toEpochMilli() > now) {
            Duration accountWait = Duration.ofMillis(failures.notBefore.toEpochMilli() - now);
            wait = accountWait.compareTo(wait) > 0 ? accountWait : wait;
        }
        return wait;
    }

    public synchronized void failed(String username) {
        long now = clock.millis();
        rollWindow(now);
        failuresInWindow++;
        Failures previous = byUsername.get(username);
        // A day without failures forgives the earlier ones, so occasional typos never add up.
        boolean stale = previous != null && now - previous.notBefore.toEpochMilli() > FORGIVE_AFTER.toMillis();
        int count = previous == null || stale ? 1 : previous.count + 1;
        Instant notBefore = Instant.ofEpochMilli(now);
        if (count > FREE_FAILURES) {
            long seconds = 1L << Math.min(count - FREE_FAILURES - 1, 20);
            Duration wait = Duration.ofSeconds(seconds);
            notBefore = notBefore.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
        }
        byUsername.put(username, new Failures(count, notBefore));
    }

    public synchronized void succeeded(String username) {
        byUsername.remove(username);
    }

    private void rollWindow(long now) {
        if (now - windowStartMillis >= 60_000) {
            windowStartMillis = now;
            failuresInWindow = 0;
        }
    }

    private record Failures(int count, Instant notBefore) {
    }
}
