package org.tipline.cli;

import java.util.concurrent.Callable;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.tipline.platform.config.EarlySettings;
import picocli.CommandLine.Command;

/**
 * {@code tipline migrate}: brings the configured PostgreSQL server's schema up to this
 * tipline's version, as the schema owner, before intake and review start on it. Neither
 * serving role migrates a server, and neither has the rights to: the owner's login is given
 * to this command only ({@code QUARKUS_FLYWAY_USERNAME} and {@code QUARKUS_FLYWAY_PASSWORD},
 * or the datasource's own login). With the embedded database, tipline migrates at start and
 * this command is not needed.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Migrate the PostgreSQL server's schema as its owner (QUARKUS_FLYWAY_USERNAME/PASSWORD).")
public final class MigrateCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        EarlySettings settings = EarlySettings.read();
        if (!settings.datasource().configured()) {
            throw new CliRefusal("no PostgreSQL server is configured (QUARKUS_DATASOURCE_JDBC_URL): the embedded database "
                    + "under " + settings.tipline().dataDir() + " is migrated by tipline itself when it starts");
        }
        EarlySettings.Datasource owner = settings.migrator();
        Flyway flyway = Flyway.configure(MigrateCommand.class.getClassLoader())
                .dataSource(owner.jdbcUrl().orElseThrow(() -> new CliRefusal("set QUARKUS_DATASOURCE_JDBC_URL")),
                        owner.username().orElse(null), owner.password().orElse(null))
                .locations("classpath:db/migration")
                .load();
        MigrateResult result;
        try {
            result = flyway.migrate();
        } catch (FlywayException e) {
            throw new CliRefusal("the migration failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    .replaceAll("\\p{Cntrl}+", " ").strip());
        }
        String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        System.out.println(result.migrationsExecuted == 0
                ? "The schema is already at version " + version + "."
                : "Applied " + result.migrationsExecuted + " migration(s); the schema is at version " + version + ".");
        return 0;
    }
}
