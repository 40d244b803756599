package org.tipline.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * The PostgreSQL the tests run against: a fresh embedded one under target/test-data/pg,
 * or, when TIPLINE_TEST_DB_URL is set (jdbc:postgresql://host:port/db), that server.
 * Tests never mock the database.
 *
 * <p>With the embedded database, a role profile connects as its role's login with
 * {@link #loginOf(String)}.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final Path DATA_DIR = Path.of("target", "test-data").toAbsolutePath();

    private static EmbeddedDatabase embedded;

    @Override
    public Map<String, String> start() {
        deleteRecursively(DATA_DIR);
        Map<String, String> config = new HashMap<>();
        config.put("tipline.data-dir", DATA_DIR.toString());
        String external = System.getenv("TIPLINE_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            String jdbc = external.startsWith("jdbc:") ? external : "jdbc:" + external;
            config.put("quarkus.datasource.jdbc.url", jdbc);
            config.put("quarkus.datasource.reactive.url", jdbc.substring("jdbc:".length()));
            config.put("quarkus.datasource.username", envOr("TIPLINE_TEST_DB_USER", "postgres"));
            config.put("quarkus.datasource.password", envOr("TIPLINE_TEST_DB_PASSWORD", ""));
        } else {
            try {
                embedded = EmbeddedDatabase.start(DATA_DIR.resolve("pg"), 0);
            } catch (EmbeddedDatabase.StartFailure e) {
                throw new IllegalStateException(e.getMessage()
                        + " Or set TIPLINE_TEST_DB_URL to run the tests against a PostgreSQL server.", e);
            }
            config.putAll(embedded.datasourceSettings(ServiceRole.ALL_IN_ONE));
            // The application connects with the all-in-one login and migrates as the owner. The
            // JDBC datasource that tests inject plays the intruder who got past the database's
            // rules (it tampers with rows and switches triggers off): the superuser, named in
            // the URL, which the driver prefers to the datasource's username.
            config.put("quarkus.flyway.jdbc-url", embedded.jdbcUrl());
            config.put("quarkus.datasource.jdbc.url", embedded.jdbcUrl() + "?user=postgres&password="
                    + embedded.superuserPassword());
            // The role profiles connect with their own role's login.
            for (EmbeddedDatabase.Login login : EmbeddedDatabase.Login.values()) {
                config.put("test-db.password." + login.name().toLowerCase(java.util.Locale.ROOT), embedded.password(login));
            }
        }
        return config;
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /** The embedded database, or null when the tests run against an external server. */
    public static EmbeddedDatabase embedded() {
        return embedded;
    }

    /** Stops the embedded database (to simulate an outage); {@link #restartEmbedded()} brings it back. */
    public static int stopEmbedded() {
        int port = embedded.port();
        embedded.close();
        return port;
    }

    public static void restartEmbedded(int port) throws EmbeddedDatabase.StartFailure {
        embedded = EmbeddedDatabase.start(DATA_DIR.resolve("pg"), port);
    }

    /** The datasource settings that make a test profile connect as {@code role}'s login. */
    public static Map<String, String> loginOf(String role) {
        if (System.getenv("TIPLINE_TEST_DB_URL") != null) {
            return Map.of();
        }
        String login = role.equals("intake") ? "intake" : "review";
        return Map.of("quarkus.datasource.username", "tipline_" + login,
                "quarkus.datasource.password", "${test-db.password." + login + "}");
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
