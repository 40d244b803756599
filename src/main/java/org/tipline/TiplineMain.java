package org.tipline;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import org.tipline.account.ReviewersCommand;
import org.tipline.keys.KeysCommand;
import org.tipline.storage.EmbeddedDatabase;

/**
 * Starts tipline. A misconfigured office key stops the start with one clear line before
 * anything else happens. When no PostgreSQL server is configured, an embedded one is
 * started under {@code $TIPLINE_DATA_DIR/pg}, so that {@code ./mvnw quarkus:run} gives a
 * working service on a fresh machine. {@code keys ...} runs the office key tool instead,
 * without starting Quarkus or the database.
 */
@QuarkusMain
public final class TiplineMain {

    private TiplineMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && "keys".equals(args[0])) {
            // The operator's key tool: no Quarkus, no database, no HTTP port.
            System.exit(KeysCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "reviewers".equals(args[0])) {
            // Office accounts: the database only, no HTTP port.
            System.exit(ReviewersCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        String keyProblem = StartupChecks.keyProblem();
        if (keyProblem != null) {
            refuseToStart(keyProblem);
        }
        EmbeddedDatabase database = null;
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            try {
                database = EmbeddedDatabase.startUnder(EmbeddedDatabase.dataDirectory());
            } catch (EmbeddedDatabase.StartFailure e) {
                refuseToStart(e.getMessage());
            }
            database.exportAsDatasource();
        }
        try {
            Quarkus.run(args);
        } finally {
            if (database != null) {
                database.close();
            }
        }
    }

    private static void refuseToStart(String reason) {
        System.err.println("tipline cannot start: " + reason);
        System.exit(2);
    }
}
