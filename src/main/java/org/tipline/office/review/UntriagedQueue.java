package org.tipline.office.review;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.tip.TipStatus;

/**
 * {@code tipline_review_untriaged_tips}: tips still in status {@code new}, across every program,
 * for a dashboard or an alert when tips wait. Registered only where the office works (review,
 * all-in-one); an intake process has no such gauge.
 * <p>
 * Cheap by construction: a scrape reads the last count and, when it is older than
 * {@link #MAX_AGE}, starts one count in the background (one index-only statement on
 * {@code tip_status_received}, never more than one at once); the count stops at {@link #CAP}.
 * Nobody scraping means no statement at all. Until the first count has come back the gauge
 * reads NaN, and a failed count keeps the last value.
 */
@ApplicationScoped
public class UntriagedQueue {

    static final String NAME = "tipline.review.untriaged.tips";
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    static final long CAP = 100_000;
    private static final String COUNT = "select count(*) from (select 1 from tip where status = $1 limit $2) q";

    private final Pool pool;
    private final MeterRegistry registry;
    private final boolean servesReview;
    private final LongSupplier clock;
    private final AtomicBoolean counting = new AtomicBoolean();
    private final AtomicLong countedAt = new AtomicLong(Long.MIN_VALUE);
    private volatile double count = Double.NaN;

    @Inject
    public UntriagedQueue(Pool pool, MeterRegistry registry, TiplineConfig config) {
        this(pool, registry, config.role().servesReview(), System::nanoTime);
    }

    UntriagedQueue(Pool pool, MeterRegistry registry, boolean servesReview, LongSupplier clock) {
        this.pool = pool;
        this.registry = registry;
        this.servesReview = servesReview;
        this.clock = clock;
    }

    void register(@Observes StartupEvent event) {
        if (servesReview) {
            Gauge.builder(NAME, this, UntriagedQueue::read)
                    .description("Tips in status new, waiting for triage (counted at most every 30 s, up to 100,000)")
                    .register(registry);
            // No count at start: the first scrape starts it (and reads NaN). A count at start
            // raced the start's other first uses of the pool, which then registered the SQL
            // client's queue gauge twice (a WARN line in the start's output).
        }
    }

    /** The last count; starts a new one in the background when it is stale and none is running. */
    double read() {
        long now = clock.getAsLong();
        long last = countedAt.get();
        if ((last == Long.MIN_VALUE || now - last >= MAX_AGE.toNanos()) && counting.compareAndSet(false, true)) {
            countedAt.set(now);
            pool.preparedQuery(COUNT).execute(Tuple.of(TipStatus.NEW.label(), CAP))
                    .subscribe().with(rows -> {
                        count = rows.iterator().next().getLong(0);
                        counting.set(false);
                    }, failure -> counting.set(false));
        }
        return count;
    }
}
