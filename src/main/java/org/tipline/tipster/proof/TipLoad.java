package org.tipline.tipster.proof;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.QuotaSpent;

/**
 * Accepted tips, counted across all intake processes: the global rate sets the difficulty of
 * new challenges, and a count per channel enforces channel quotas.
 *
 * <p>Each process counts locally and adds its counts to the shared rows in PostgreSQL about
 * once a second ({@link #flush()}, one statement), reading every counter back in the same
 * statement. Between two flushes a process does not see what the others accepted, so with k
 * intake processes a quota can be overshot by what the k processes accept in one flush
 * interval (plus the tips already past the quota check when the quota fills). The shared rows
 * hold two windows per counter, overwritten, never a history.
 */
@ApplicationScoped
public class TipLoad {

    /** The global counter; its window is a minute, and its rate is in tips per minute. */
    static final String TIPS = "tips";
    static final int TIPS_WINDOW_SECONDS = 60;
    /** Channel quotas are tips per hour. */
    static final int CHANNEL_WINDOW_SECONDS = 3600;
    private static final String CHANNEL_PREFIX = "channel:";
    /** The database keeps counter names up to 80 characters. */
    static final int MAX_CHANNEL_NAME = 80 - CHANNEL_PREFIX.length();

    private final ProofRepository repository;
    private final long baseDifficulty;
    private final long stepRate;
    private final long maxDifficulty;
    private final AtomicLong pendingTips = new AtomicLong();
    /** Per channel: tips accepted here since the last flush. Channel names come from configured channels, never from a client. */
    private final Map<String, AtomicLong> pendingByChannel = new ConcurrentHashMap<>();
    /** Per counter: the shared windows as of the last flush. */
    private final Map<String, ProofRepository.Window> shared = new ConcurrentHashMap<>();
    private final AtomicBoolean flushing = new AtomicBoolean();
    private volatile long difficulty;

    public TipLoad(ProofRepository repository, TiplineConfig config, MeterRegistry registry) {
        this.repository = repository;
        TiplineConfig.ProofOfWork settings = config.proofOfWork();
        this.baseDifficulty = settings.baseDifficulty();
        this.stepRate = settings.stepRate();
        this.maxDifficulty = settings.maxDifficulty();
        this.difficulty = baseDifficulty;
        Gauge.builder("tipline.proof-of-work.difficulty", this, TipLoad::difficulty)
                .description("The difficulty (ALTCHA maxnumber) of new proof-of-work challenges; it rises with the "
                        + "rate of accepted tips across all intake processes")
                .register(registry);
    }

    /** Counts a tip once it is committed; {@code channelName} null for a tip without a channel. */
    public void accepted(String channelName) {
        pendingTips.incrementAndGet();
        if (channelName != null) {
            pending(channelName).incrementAndGet();
        }
    }

    /**
     * Whether a channel may take one more tip now. {@code tipsPerHour} null: no quota. The
     * count is a sliding hour: the current hour's tips and the part of the previous hour's
     * that lies within an hour of now, across all processes as of the last flush, plus this
     * process's tips since then.
     */
    public boolean withinQuota(String channelName, Integer tipsPerHour) {
        if (tipsPerHour == null) {
            return true;
        }
        return used(channelName) < tipsPerHour;
    }

    /** {@link #withinQuota} as a refusal: 429 quota-spent with Retry-After when the quota is spent. */
    public void requireQuota(String channelName, Integer tipsPerHour) {
        if (!withinQuota(channelName, tipsPerHour)) {
            throw new QuotaSpent(retryAfter(channelName, tipsPerHour),
                    "This front end has sent as many tips as it may in an hour; nothing was stored. "
                            + "Try again after the Retry-After delay.");
        }
    }

    private double used(String channelName) {
        AtomicLong pending = pending(channelName);
        ProofRepository.Window window = shared.get(CHANNEL_PREFIX + channelName);
        return pending.get() + (window == null ? 0 : window.estimate());
    }

    /** When the sliding count will have fallen below the quota, if no tip arrives meanwhile. */
    private Duration retryAfter(String channelName, int tipsPerHour) {
        ProofRepository.Window window = shared.get(CHANNEL_PREFIX + channelName);
        if (window == null) {
            return Duration.ofSeconds(1);
        }
        double left = 1.0 - Math.min(1.0, Math.max(0.0, window.elapsed()));
        double seconds;
        if (window.current() + pending(channelName).get() < tipsPerHour && window.previous() > 0) {
            // current + previous * (1 - f) < quota once f > 1 - (quota - current) / previous
            double needed = 1.0 - (tipsPerHour - window.current() - pending(channelName).get()) / (double) window.previous();
            seconds = Math.max(0, needed - (1.0 - left)) * CHANNEL_WINDOW_SECONDS;
        } else {
            seconds = left * CHANNEL_WINDOW_SECONDS; // the current window must pass
        }
        return Duration.ofSeconds((long) Math.ceil(seconds) + 1);
    }

    private AtomicLong pending(String channelName) {
        if (channelName.isEmpty() || channelName.length() > MAX_CHANNEL_NAME) {
            throw new IllegalArgumentException("a channel name is 1 to " + MAX_CHANNEL_NAME + " characters");
        }
        return pendingByChannel.computeIfAbsent(channelName, name -> new AtomicLong());
    }

    /** The difficulty for new challenges, from the global rate as of the last flush plus this process's tips since. */
    public long difficulty() {
        return difficulty;
    }

    /**
     * Adds this process's counts to the shared counters and reads them back, in one
     * statement. A failed flush keeps the counts for the next one.
     */
    public Uni<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        List<String> counters = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<Integer> windows = new ArrayList<>();
        List<AtomicLong> sources = new ArrayList<>();
        counters.add(TIPS);
        counts.add(pendingTips.getAndSet(0));
        windows.add(TIPS_WINDOW_SECONDS);
        sources.add(pendingTips);
        pendingByChannel.forEach((name, pending) -> {
            counters.add(CHANNEL_PREFIX + name);
            counts.add(pending.getAndSet(0));
            windows.add(CHANNEL_WINDOW_SECONDS);
            sources.add(pending);
        });
        return repository.flush(counters, counts, windows)
                .invoke(rows -> {
                    for (ProofRepository.Window row : rows) {
                        shared.put(row.counter(), row);
                    }
                    ProofRepository.Window tips = shared.get(TIPS);
                    difficulty = difficultyFor(tips == null ? 0 : tips.estimate(), baseDifficulty, stepRate, maxDifficulty);
                })
                .onFailure().invoke(failure -> {
                    for (int i = 0; i < sources.size(); i++) {
                        sources.get(i).addAndGet(counts.get(i));
                    }
                })
                .onTermination().invoke(() -> flushing.set(false))
                .replaceWithVoid();
    }

    /**
     * The base difficulty below {@code stepRate} accepted tips per minute; double at the step
     * rate, and doubled again each time the rate doubles; never above the cap.
     */
    static long difficultyFor(double tipsPerMinute, long base, long stepRate, long max) {
        if (tipsPerMinute < stepRate) {
            return Math.min(base, max);
        }
        int steps = 1 + (int) Math.floor(Math.log(tipsPerMinute / stepRate) / Math.log(2));
        if (steps >= 62 || base > (max >> Math.min(steps, 62))) {
            return max;
        }
        return Math.min(max, base << steps);
    }
}
