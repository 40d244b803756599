package org.tipline.platform.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.tipline.platform.config.EarlySettings;

/**
 * Before a serving process starts on a PostgreSQL server: can it log in? Without this, a process
 * whose database is down or refuses its login started anyway, wrote a stack trace, and served
 * 503 to every tip. Now the start stops with one line that says what is wrong, and a service
 * manager or Kubernetes starts it again later. A database that is still starting gets
 * {@link #WAIT} to answer.
 */
public final class DatabaseCheck {

    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration PAUSE = Duration.ofMillis(500);

    private DatabaseCheck() {
    }

    /** Null when the configured server takes this process's login; otherwise why not, in one line without credentials. */
    public static String problem(EarlySettings.Datasource datasource, Duration wait) {
        String url = datasource.jdbcUrl().orElseGet(() -> "jdbc:" + datasource.reactiveUrl().orElseThrow());
        Properties login = new Properties();
        datasource.username().ifPresent(user -> login.setProperty("user", user));
        datasource.password().ifPresent(password -> login.setProperty("password", password));
        login.setProperty("connectTimeout", Long.toString(Math.max(1, wait.toSeconds())));
        login.setProperty("loginTimeout", Long.toString(Math.max(1, wait.toSeconds())));
        long deadline = System.nanoTime() + wait.toNanos();
        SQLException last;
        while (true) {
            try (Connection connection = new org.postgresql.Driver().connect(url, login)) {
                if (connection == null) {
                    return "QUARKUS_DATASOURCE_JDBC_URL is not a PostgreSQL URL (jdbc:postgresql://host:port/database)";
                }
                return null;
            } catch (SQLException e) {
                last = e;
                if (!unreachable(e) || System.nanoTime() + PAUSE.toNanos() > deadline) {
                    break;
                }
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return describe(last, where(url), wait);
    }

    /** Connection-level failures (SQLState class 08) are worth waiting out; a refused login or a missing database is not. */
    static boolean unreachable(SQLException e) {
        return e.getSQLState() == null || e.getSQLState().startsWith("08");
    }

    static String describe(SQLException e, String where, Duration wait) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "the database " + where + " refused the login (check QUARKUS_DATASOURCE_USERNAME and "
                    + "QUARKUS_DATASOURCE_PASSWORD)";
        }
        if (state.equals("3D000")) {
            return "the database " + where + " does not exist (see docs/database.md)";
        }
        if (unreachable(e)) {
            return "the database " + where + " did not answer within " + wait.toSeconds() + " s; start PostgreSQL, "
                    + "or check QUARKUS_DATASOURCE_JDBC_URL and QUARKUS_DATASOURCE_REACTIVE_URL";
        }
        return "the database " + where + " cannot be used (SQLState " + state + ")";
    }

    /** Host, port and database from a JDBC URL, never its parameters (which may hold a password). */
    static String where(String jdbcUrl) {
        try {
            java.net.URI uri = java.net.URI.create(jdbcUrl.substring(jdbcUrl.indexOf(':') + 1));
            String host = uri.getHost() == null ? "(no host)" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String name = uri.getPath() == null || uri.getPath().length() <= 1 ? "" : uri.getPath();
            return host + port + name;
        } catch (IllegalArgumentException e) {
            return "(a URL that does not parse)";
        }
    }
}
