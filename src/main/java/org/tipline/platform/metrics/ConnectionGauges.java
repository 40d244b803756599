package org.tipline.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Leaves out the two gauges that the reactive PostgreSQL client registers for each connection
 * it opens ({@code postgresql.queue.size} and {@code postgresql.current}, tagged
 * {@code clientType=sql}).
 * <p>
 * Each new connection builds its own client metrics and registers these gauges again under
 * the same name and tags. The registry keeps the first connection's gauge, refuses the others
 * and says so in a WARN line (Quarkus issue 47504, still there in 3.33). The second
 * connection is opened when two requests need the database at once, typically the first
 * tips or the first readiness probe after a start: the line was written inside a tipster's
 * request and dated it to the second. The gauge that was kept counts the first connection
 * only, so it was wrong as well. The pool's own gauges ({@code sql.pool.queue.size},
 * {@code sql.pool.active}, {@code sql.pool.idle}, {@code sql.pool.ratio}) are registered
 * once and measure the same for all connections. The client's timers and counters stay:
 * every connection adds to the same one.
 * <p>
 * Hibernate Reactive opens the first connection while it starts (to learn the database's
 * version), before Quarkus installs the meter filters, so that connection's two gauges are
 * in the registry already; they are removed at the start. From then on the registry refuses
 * them silently.
 * <p>
 * It also leaves out the {@code vertx.http.connections.current} and {@code .max} gauges:
 * with a connection cap set ({@code quarkus.http.limits.max-connections}), the HTTP server
 * and the management server each register them under the same names and no tags, so the
 * second was refused with a WARN line at every start, and the kept ones described one server
 * only. {@code http.server.active.connections} counts the connections; the cap is a setting.
 */
@Singleton
public class ConnectionGauges implements MeterFilter {

    static final String CLIENT_TYPE = "clientType";
    static final String SQL = "sql";

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return isPerConnectionGauge(id) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    void removeThoseRegisteredBeforeTheFilter(@Observes StartupEvent event) {
        removeFrom(Metrics.globalRegistry);
    }

    /** The client's metrics register in the global registry; removing there removes from every registry under it. */
    static void removeFrom(MeterRegistry registry) {
        for (Meter meter : registry.getMeters()) {
            if (isPerConnectionGauge(meter.getId())) {
                registry.remove(meter);
            }
        }
    }

    static final String HTTP_CONNECTIONS = "vertx.http.connections.";

    static boolean isPerConnectionGauge(Meter.Id id) {
        return id.getType() == Meter.Type.GAUGE
                && (SQL.equals(id.getTag(CLIENT_TYPE)) || id.getName().startsWith(HTTP_CONNECTIONS));
    }
}
