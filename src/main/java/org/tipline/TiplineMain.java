package org.tipline;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.tipline.storage.EmbeddedDatabase;

/**
 * Starts tipline. When no PostgreSQL server is configured, an embedded one is
 * started first under {@code $TIPLINE_DATA_DIR/pg}, so that {@code ./mvnw quarkus:run}
 * gives a working service on a fresh machine.
 */
@QuarkusMain
public final class TiplineMain {

    private TiplineMain() {
    }

    public static void main(String... args) {
        EmbeddedDatabase database = null;
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            try {
                database = EmbeddedDatabase.startUnder(EmbeddedDatabase.dataDirectory());
            } catch (EmbeddedDatabase.StartFailure e) {
                System.err.println("tipline: " + e.getMessage());
                System.exit(1);
                return;
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
}
