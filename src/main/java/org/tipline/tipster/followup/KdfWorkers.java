package org.tipline.tipster.followup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.Busy;

/**
 * The threads that run Argon2id for tipster passphrases: one per core, with a bounded
 * queue. Argon2id never runs on an event loop, and when more derivations wait than the
 * queue holds, new requests get 503 with Retry-After at once instead of piling up.
 */
@ApplicationScoped
public class KdfWorkers {

    private final ThreadPoolExecutor executor;
    private final Counter accepted;

    public KdfWorkers(TiplineConfig config, MeterRegistry registry) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.followup().kdfQueue())), task -> {
                    Thread thread = new Thread(task, "tipline-kdf-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.accepted = Counter.builder("tipline.kdf.tasks")
                .description("Argon2id derivations taken by the KDF threads: one for each new tip and each tipster sign-in")
                .register(registry);
        Gauge.builder("tipline.kdf.queue", executor, pool -> pool.getQueue().size())
                .description("Argon2id derivations waiting for a KDF thread")
                .register(registry);
    }

    /** Runs the work on a KDF thread; a full queue fails the {@link Uni} with 503 busy. */
    public <T> Uni<T> run(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(rejectingAsBusy());
    }

    private Executor rejectingAsBusy() {
        return task -> {
            try {
                executor.execute(task);
                accepted.increment();
            } catch (RejectedExecutionException e) {
                throw busy();
            }
        };
    }

    static Busy busy() {
        return new Busy(Duration.ofSeconds(1),
                "tipline is taking more requests than it can encrypt right now; nothing was stored. Retry shortly.");
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdown();
    }
}
