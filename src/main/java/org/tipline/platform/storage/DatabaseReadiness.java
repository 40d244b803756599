package org.tipline.platform.storage;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the database answers: {@code select 1} through the reactive pool that
 * serves the tips, given {@link #TIMEOUT} to answer. It never blocks a thread and writes no
 * log line, so a load balancer that probes every second neither ties up a worker nor fills the
 * log during an outage. The answer names no host, user or error message.
 * <p>
 * It replaces Quarkus's own datasource checks ({@code quarkus.datasource.health.enabled=false}):
 * those wait up to 20 s on a worker thread, log a warning with the driver's message at every
 * failed probe, and also probe the JDBC datasource, which a serving process does not use for
 * tips. Liveness does not touch the database: a process is not restarted because PostgreSQL is.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    static final String NAME = "database";
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Pool pool;

    public DatabaseReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return StoreDeadline.within(Uni.createFrom().deferred(() -> pool.query("select 1").execute()), TIMEOUT)
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", failure instanceof io.smallrye.mutiny.TimeoutException
                                ? "no answer within " + TIMEOUT.toSeconds() + " s" : "unreachable")
                        .build());
    }
}
