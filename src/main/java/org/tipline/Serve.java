package org.tipline;

import io.quarkus.runtime.Quarkus;
import java.net.BindException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.storage.DatabaseCheck;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * {@code tipline serve}: checks the office keys of the configured role, starts the embedded
 * PostgreSQL under {@code $TIPLINE_DATA_DIR/pg} when no server is configured (so that a
 * fresh clone gives a working service), then runs Quarkus until it is stopped. A start that
 * cannot succeed (a key problem, a port in use, a database that will not start) stops with
 * one line, {@code tipline cannot start: ...}, and exit code 2. A configured PostgreSQL server must
 * take this process's login before Quarkus starts ({@link DatabaseCheck}).
 */
final class Serve implements Callable<Integer> {

    static final int CANNOT_START = 2;

    @Override
    public Integer call() {
        EarlySettings settings;
        try {
            settings = EarlySettings.read();
        } catch (IllegalArgumentException e) {
            return refuse(e.getMessage());
        }
        String keyProblem = StartupChecks.keyProblem(settings.tipline());
        if (keyProblem != null) {
            return refuse(keyProblem);
        }
        EmbeddedDatabase database = null;
        if (settings.datasource().configured()) {
            String databaseProblem = DatabaseCheck.problem(settings.datasource(), DatabaseCheck.WAIT);
            if (databaseProblem != null) {
                return refuse(databaseProblem);
            }
        } else {
            ServiceRole role = settings.tipline().role();
            if (role != ServiceRole.ALL_IN_ONE && !settings.tipline().allowEmbeddedDatabase()) {
                return refuse("the " + role.label() + " role needs a PostgreSQL server (set QUARKUS_DATASOURCE_REACTIVE_URL "
                        + "and QUARKUS_DATASOURCE_JDBC_URL, see docs/database.md); to try the split roles on one machine "
                        + "with the embedded database, set TIPLINE_ALLOW_EMBEDDED_DATABASE=true");
            }
            try {
                database = EmbeddedDatabase.startUnder(settings.tipline().dataDir().toAbsolutePath());
            } catch (EmbeddedDatabase.StartFailure e) {
                return refuse(e.getMessage());
            }
            database.exportAsDatasource(settings.tipline().role());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try {
            // With an exit handler, Quarkus leaves reporting a failed start to us.
            Quarkus.run(null, (exitCode, thrown) -> failure.set(thrown));
        } finally {
            if (database != null) {
                database.close();
            }
        }
        Throwable thrown = failure.get();
        return thrown == null ? 0 : refuse(reason(thrown));
    }

    /**
     * What stopped the start, in one line. A port in use and tipline's own refusals (which
     * say "tipline cannot start: ...") need no stack trace; anything else is logged with one,
     * as it is a fault to diagnose.
     */
    static String reason(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || cause.getClass().getSimpleName().equals("QuarkusBindException")) {
                return "a port is already in use (" + cause.getMessage() + "); stop what uses it, or set "
                        + "QUARKUS_HTTP_PORT or QUARKUS_MANAGEMENT_PORT";
            }
            String message = cause.getMessage();
            if (message != null && message.startsWith(CANNOT_START_PREFIX)) {
                return message.substring(CANNOT_START_PREFIX.length());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        Logger.getLogger(Serve.class).error("the start failed", thrown);
        return "unexpected failure (" + thrown.getClass().getSimpleName() + "), logged above";
    }

    static final String CANNOT_START_PREFIX = "tipline cannot start: ";

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\p{Cntrl}+", " ").strip();
    }

    /** Prints the reason as one line, whatever it holds, and gives the exit code. */
    private static int refuse(String reason) {
        System.err.println(CANNOT_START_PREFIX + oneLine(reason));
        System.err.flush();
        return CANNOT_START;
    }
}
