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
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * The PostgreSQL the tests run against: a fresh embedded one under target/test-data/pg,
 * or, when TIPLINE_TEST_DB_URL is set (jdbc:postgresql://host:port/db), that server.
 * Tests never mock the database.
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
            config.putAll(embedded.datasourceSettings());
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
