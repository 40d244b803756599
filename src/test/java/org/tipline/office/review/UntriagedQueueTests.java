package org.tipline.office.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * The untriaged-queue gauge counts the tips in status new, in the background, at most once per
 * {@link UntriagedQueue#MAX_AGE}: a scrape between two counts reads the last one and queries
 * nothing. The review and all-in-one roles register it; the process's own gauge is on /q/metrics.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class UntriagedQueueTests {

    private final Pool pool;
    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;

    UntriagedQueueTests(Pool pool, AgroalDataSource dataSource, MeterRegistry registry) {
        this.pool = pool;
        this.dataSource = dataSource;
        this.registry = registry;
    }

    @Test
    void countsNewTipsAtMostOncePerMaxAge() throws Exception {
        assertThat(registry.find(UntriagedQueue.NAME).gauge()).as("registered in all-in-one").isNotNull();
        Tipsters.submit("a tip waiting for triage");
        AtomicLong now = new AtomicLong(0);
        UntriagedQueue queue = new UntriagedQueue(pool, new SimpleMeterRegistry(), true, now::get);

        double before = queue.read(); // starts the first count, which may come back before read() returns
        assertThat(Double.isNaN(before) || before == newTips()).as("nothing counted yet, or the first count").isTrue();
        long first = awaitCount(queue, newTips());
        assertThat(first).isPositive();

        Tipsters.submit("another tip waiting for triage");
        now.addAndGet(UntriagedQueue.MAX_AGE.toNanos() / 2);
        Thread.sleep(300);
        assertThat((long) queue.read()).as("within the max age, the last count").isEqualTo(first);
        Thread.sleep(300);
        assertThat((long) queue.read()).as("and no new count was started").isEqualTo(first);

        now.addAndGet(UntriagedQueue.MAX_AGE.toNanos());
        assertThat(awaitCount(queue, newTips())).isEqualTo(first + 1);
    }

    private long awaitCount(UntriagedQueue queue, long expected) throws InterruptedException {
        double value = queue.read();
        for (int attempt = 0; attempt < 50 && (Double.isNaN(value) || (long) value != expected); attempt++) {
            Thread.sleep(100);
            value = queue.read();
        }
        assertThat(value).isEqualTo((double) expected);
        return (long) value;
    }

    private long newTips() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from tip where status = 'new'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
