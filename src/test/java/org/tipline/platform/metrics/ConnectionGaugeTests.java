package org.tipline.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;

/**
 * Every connection the reactive PostgreSQL pool opens used to register the same two gauges
 * again; the registry refused the second and logged a WARN, inside whichever request (a
 * tipster's, often) needed the second connection. PackagedAppIT checks the log of a fresh
 * process; this checks the registry, whose warning a test JVM gives only once.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ConnectionGaugeTests {

    private static final int CONNECTIONS = 4;

    private final Pool pool;
    private final MeterRegistry registry;

    ConnectionGaugeTests(Pool pool, MeterRegistry registry) {
        this.pool = pool;
        this.registry = registry;
    }

    @Test
    void connectionsOpenedTogetherRegisterNoGaugeOfTheirOwn() {
        double processedBefore = processed();
        List<SqlConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                // Held, so that the pool has to open (or hand out) a different connection each time.
                held.add(pool.getConnection().await().atMost(Duration.ofSeconds(30)));
            }
            Uni.join().all(held.stream().map(connection -> connection.query("select 1").execute()).toList())
                    .andFailFast().await().atMost(Duration.ofSeconds(30));
        } finally {
            held.forEach(SqlConnection::closeAndAwait);
        }

        assertThat(registry.getMeters()).as("gauges registered per database connection")
                .noneMatch(meter -> ConnectionGauges.isPerConnectionGauge(meter.getId()))
                .noneMatch(meter -> meter.getId().getName().equals("postgresql.queue.size"));
        assertThat(registry.find("sql.pool.active").gauge()).as("the pool's own gauge").isNotNull();
        assertThat(processed() - processedBefore).as("queries counted over all connections")
                .isGreaterThanOrEqualTo(CONNECTIONS);
    }

    private double processed() {
        return registry.find("postgresql.processing").timers().stream().mapToLong(timer -> timer.count()).sum();
    }
}
