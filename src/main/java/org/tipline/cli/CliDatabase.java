package org.tipline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * A JDBC connection for command-line tools, found the way the service finds its database:
 * the configured server ({@code QUARKUS_DATASOURCE_JDBC_URL}), else the embedded one under
 * the data directory, joined while the service runs, or started just for the command.
 */
public final class CliDatabase implements AutoCloseable {

    /** The office's tools work with the review role's rights on an embedded database. */
    private static final EmbeddedDatabase.Login LOGIN = EmbeddedDatabase.Login.REVIEW;

    private final Connection connection;
    private final EmbeddedDatabase startedHere;

    private CliDatabase(Connection connection, EmbeddedDatabase startedHere) {
        this.connection = connection;
        this.startedHere = startedHere;
    }

    public static CliDatabase open(Path dataDir) throws SQLException, EmbeddedDatabase.StartFailure {
        EarlySettings.Datasource server = EarlySettings.read().datasource();
        if (server.jdbcUrl().isPresent()) {
            return new CliDatabase(DriverManager.getConnection(server.jdbcUrl().get(),
                    server.username().orElse(null), server.password().orElse(null)), null);
        }
        Path pgDir = dataDir.resolve("pg");
        Integer runningPort = runningEmbeddedPort(pgDir);
        if (runningPort != null) {
            return new CliDatabase(DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + runningPort + "/" + EmbeddedDatabase.DATABASE, LOGIN.roleName(),
                    EmbeddedDatabase.password(pgDir, LOGIN)), null);
        }
        EmbeddedDatabase database = EmbeddedDatabase.startUnder(dataDir);
        try {
            return new CliDatabase(database.connect(LOGIN), database);
        } catch (SQLException e) {
            database.close();
            throw e;
        }
    }

    /** A connection the caller already holds, closed with this. */
    public static CliDatabase of(Connection connection) {
        return new CliDatabase(connection, null);
    }

    public Connection connection() {
        return connection;
    }

    /** The port of a PostgreSQL already running on {@code pgDir}, from its postmaster.pid, or null. */
    static Integer runningEmbeddedPort(Path pgDir) {
        Path pidFile = pgDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            long pid = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Integer.parseInt(lines.get(3).trim());
            }
        } catch (IOException | RuntimeException e) {
            // no server running there
        }
        return null;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.close();
        } finally {
            if (startedHere != null) {
                startedHere.close();
            }
        }
    }
}
