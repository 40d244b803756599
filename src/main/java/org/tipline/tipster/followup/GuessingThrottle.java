package org.tipline.tipster.followup;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.tipline.platform.config.TiplineConfig;

/**
 * Bounds guessing of follow-up passphrases, never by client address (tipline has none).
 *
 * <ul>
 *   <li><b>Globally</b>: a budget of failed sign-ins per minute across all tips, as a token
 *       bucket. Each passphrase sign-in reserves a token before its Argon2id runs and gets it
 *       back if it succeeds; with none left, sign-ins get 429 until the bucket refills. This
 *       is what bounds the guessing rate, whatever the number of attackers.</li>
 *   <li><b>Per reference</b>: after a few failures on one reference, each further failure
 *       on it is answered only after a delay that doubles up to a cap. A correct passphrase
 *       is answered at once and clears the count, so the tip's owner gets in at the normal
 *       cost however many guesses were made against their reference.</li>
 * </ul>
 *
 * Unknown references are counted exactly like real ones, so the throttle tells nothing
 * about which references exist. State is kept in memory, per process.
 */
@Startup
@ApplicationScoped
public class GuessingThrottle {

    /** References whose failures are remembered at most; the oldest are forgotten first. */
    static final int MAX_TRACKED_REFERENCES = 100_000;
    private static final long FORGET_AFTER_NANOS = Duration.ofDays(1).toNanos();

    private final double capacity;
    private final double refillPerNano;
    private final int freeFailures;
    private final long maxDelayNanos;
    private final LongSupplier clock;

    private double tokens;
    private long refilledAt;
    private final Map<String, Failures> byReference = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_TRACKED_REFERENCES;
        }
    };

    @Inject
    public GuessingThrottle(TiplineConfig config) {
        this(config.followup().failedSigninsPerMinute(), config.followup().freeFailuresPerReference(),
                config.followup().maxFailureDelay(), System::nanoTime);
    }

    GuessingThrottle(int failuresPerMinute, int freeFailures, Duration maxDelay, LongSupplier clock) {
        if (failuresPerMinute < 1) {
            throw new IllegalStateException("tipline cannot start: tipline.followup.failed-signins-per-minute must be at least 1",
                    null);
        }
        // A burst of a tenth of a minute's budget, then the steady rate.
        this.capacity = Math.max(1, failuresPerMinute / 10.0);
        this.refillPerNano = failuresPerMinute / (double) Duration.ofMinutes(1).toNanos();
        this.freeFailures = Math.max(0, freeFailures);
        this.maxDelayNanos = maxDelay.toNanos();
        this.clock = clock;
        this.tokens = capacity;
        this.refilledAt = clock.getAsLong();
    }

    /** Takes a token for one sign-in attempt: null when granted, else how long until one is free. */
    public synchronized Duration reserve() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return null;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / refillPerNano);
        return Duration.ofNanos(waitNanos);
    }

    /** The attempt succeeded: its token goes back, and the reference's failures are forgotten. */
    public synchronized void succeeded(String reference) {
        tokens = Math.min(capacity, tokens + 1);
        byReference.remove(reference);
    }

    /** The attempt failed: its token stays spent. Returns how long to hold the answer. */
    public synchronized Duration failed(String reference) {
        long now = clock.getAsLong();
        Failures failures = byReference.get(reference);
        if (failures == null || now - failures.lastAt > FORGET_AFTER_NANOS) {
            failures = new Failures();
            byReference.put(reference, failures);
        }
        failures.count++;
        failures.lastAt = now;
        int over = failures.count - freeFailures;
        if (over <= 0) {
            return Duration.ZERO;
        }
        long delay = Duration.ofSeconds(1).toNanos() << Math.min(over - 1, 30);
        return Duration.ofNanos(Math.min(delay, maxDelayNanos));
    }

    private void refill() {
        long now = clock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * refillPerNano);
        refilledAt = now;
    }

    /** The documented budget: failed sign-ins per minute, sustained. */
    public double sustainedPerMinute() {
        return refillPerNano * Duration.ofMinutes(1).toNanos();
    }

    public double burst() {
        return capacity;
    }

    private static final class Failures {
        int count;
        long lastAt;
    }
}
