package org.tipline.platform.storage;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The deadline on a database call: a call with no answer within its limit fails with Mutiny's
 * {@link io.smallrye.mutiny.TimeoutException}, which its caller turns into 503, so a hung
 * database does not hang a request.
 *
 * <p>The timers run on one daemon thread of tipline's own, whose cancelled timers leave its
 * queue at once. Every tip sets one and cancels it a few milliseconds later. On Mutiny's
 * default scheduler (Quarkus's worker pool) cancelled timers stayed queued, each holding its
 * finished request's objects: at 1,000 tips/s a thousand of them were reachable at any moment,
 * outlived the young collections and filled the old generation, and a full collection of
 * 55 ms then paused every request in flight (bench/RESULTS.md, "Promoted garbage").
 */
public final class StoreDeadline {

    /** How long a store or lookup on the tipster's path may wait for the database. */
    public static final Duration STORE = Duration.ofSeconds(10);

    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "tipline-store-deadline");
        thread.setDaemon(true);
        return thread;
    });

    static {
        TIMERS.setRemoveOnCancelPolicy(true);
    }

    private StoreDeadline() {
    }

    /** {@code call}, failing with a timeout when it gives no item or failure within {@link #STORE}. */
    public static <T> Uni<T> within(Uni<T> call) {
        return within(call, STORE);
    }

    /** {@code call}, failing with a timeout when it gives no item or failure within {@code limit}. */
    public static <T> Uni<T> within(Uni<T> call, Duration limit) {
        return call.ifNoItem().after(limit).on(TIMERS).fail();
    }

    /** Timers set and neither fired nor cancelled. */
    static int pending() {
        return TIMERS.getQueue().size();
    }
}
