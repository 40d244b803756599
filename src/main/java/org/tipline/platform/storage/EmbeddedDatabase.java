package org.tipline.platform.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The embedded PostgreSQL that tipline starts when no database server is configured.
 *
 * <p>It runs real PostgreSQL binaries (zonky) with its files under {@code <data-dir>/pg},
 * keeps {@code fsync} and {@code synchronous_commit} on, listens on loopback only, and
 * keeps its data across restarts.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class.getName());

    /** The data folder of the embedded database this process serves from, once it is exported. */
    private static volatile Path serving;

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /** Starts (and on first use creates) the database cluster under {@code dataDir/pg}. */
    public static EmbeddedDatabase startUnder(Path dataDir) throws StartFailure {
        return start(dataDir.resolve("pg"), 0);
    }

    /** Starts the cluster in {@code pgDir} on {@code port} (0 picks a free port). */
    public static EmbeddedDatabase start(Path pgDir, int port) throws StartFailure {
        try {
            Files.createDirectories(pgDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("track_commit_timestamp", "off")
                    .setServerConfig("log_connections", "off")
                    .setServerConfig("log_disconnections", "off")
                    .setServerConfig("log_statement", "none")
                    .setServerConfig("log_min_error_statement", "panic")
                    // WAL commit records carry exact commit times: keep WAL only while crash
                    // recovery needs it. A segment that a checkpoint has passed is deleted, not
                    // recycled with its old records in it; a quiet server closes its segment after
                    // 30 s and checkpoints within a minute. Why and what it costs:
                    // WalRetentionTests, bench/wal.sh, docs/configuration.md ("Your own PostgreSQL server").
                    .setServerConfig("wal_recycle", "off")
                    .setServerConfig("wal_init_zero", "on")
                    .setServerConfig("min_wal_size", "32MB")
                    .setServerConfig("max_wal_size", "1GB")
                    .setServerConfig("wal_keep_size", "0")
                    .setServerConfig("archive_mode", "off")
                    .setServerConfig("archive_timeout", "30s")
                    .setServerConfig("checkpoint_timeout", "60s")
                    .setServerConfig("log_checkpoints", "off");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info(() -> "embedded PostgreSQL listening on 127.0.0.1:" + postgres.getPort()
                    + ", files in " + pgDir);
            return new EmbeddedDatabase(postgres, pgDir);
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("the embedded PostgreSQL could not start in " + pgDir
                    + " (" + oneLine(e) + "). Set QUARKUS_DATASOURCE_REACTIVE_URL and "
                    + "QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead.", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + port() + "/postgres";
    }

    /** The Quarkus datasource settings that point at this database. */
    public Map<String, String> datasourceSettings() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "");
    }

    /** Points Quarkus's datasource at this database through system properties. */
    public void exportAsDatasource() {
        datasourceSettings().forEach(System::setProperty);
        serving = directory;
    }

    /** The folder of the embedded database this process serves from, or null when it uses a server. */
    public static Path serving() {
        return serving;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warning(() -> "embedded PostgreSQL did not stop cleanly: " + oneLine(e));
        }
    }


    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        return message.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** The embedded database could not start; the message says why in one line. */
    public static final class StartFailure extends Exception {
        public StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
