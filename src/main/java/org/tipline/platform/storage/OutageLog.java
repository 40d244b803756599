package org.tipline.platform.storage;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Logs refusals during a storage outage without one line per refused request: the first
 * refusal is logged at once, then at most one line every ten seconds with the number
 * refused since the last line. Under load an outage refuses thousands of tips a minute.
 */
public final class OutageLog {

    static final long INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

    private final LongSupplier clock;
    private final AtomicLong lastLineAt;
    private final AtomicLong unlogged = new AtomicLong();

    public OutageLog() {
        this(System::nanoTime);
    }

    OutageLog(LongSupplier clock) {
        this.clock = clock;
        this.lastLineAt = new AtomicLong(clock.getAsLong() - INTERVAL_NANOS);
    }

    /** Records one refusal; returns the line to log, or null when this one is folded into a later line. */
    public String refused(Throwable cause) {
        long now = clock.getAsLong();
        long count = unlogged.incrementAndGet();
        long last = lastLineAt.get();
        if (now - last < INTERVAL_NANOS || !lastLineAt.compareAndSet(last, now)) {
            return null;
        }
        long refused = unlogged.getAndSet(0);
        String kind = cause == null ? "?" : cause.getClass().getSimpleName();
        return refused <= 1 ? "storage unavailable: " + kind
                : "storage unavailable: " + kind + " (" + refused + " requests refused since the last line)";
    }

    /** Logs a refusal at WARN, folded as {@link #refused} says. */
    public void log(Throwable cause) {
        String line = refused(cause);
        if (line != null) {
            Log.warn(line);
        }
    }
}
