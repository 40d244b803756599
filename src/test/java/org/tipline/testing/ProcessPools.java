package org.tipline.testing;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * Connection pools of their own to the test database, each on a Vert.x of its own, as
 * separate tipline processes would have: state that several processes must share can only
 * be shared through the database. With the embedded database, each pool connects with the
 * serving role's login; with a server named by TIPLINE_TEST_DB_URL, with the suite's login.
 * Closing closes every pool and Vert.x it made.
 */
public final class ProcessPools implements AutoCloseable {

    private final List<Vertx> vertxes = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();

    /** A new pool, as a new process serving with {@code login} would open. */
    public Pool open(EmbeddedDatabase.Login login) {
        var config = ConfigProvider.getConfig();
        PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class));
        EmbeddedDatabase embedded = TestDatabase.embedded();
        if (embedded != null) {
            options.setUser(login.roleName()).setPassword(embedded.password(login));
        } else {
            options.setUser(config.getValue("quarkus.datasource.username", String.class))
                    .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
        }
        Vertx vertx = Vertx.vertx();
        vertxes.add(vertx);
        Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(options).using(vertx).build();
        pools.add(pool);
        return pool;
    }

    @Override
    public void close() {
        pools.forEach(pool -> pool.closeAndAwait());
        vertxes.forEach(vertx -> vertx.closeAndAwait());
        pools.clear();
        vertxes.clear();
    }
}
