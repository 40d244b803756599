package org.tipline.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * What {@code tipline reviewers} takes from outside: the data directory, the configured
 * office public keyset, the database, a console and the operating-system user who runs it.
 * Tests give their own; {@link #system()} is the real one.
 *
 * @param dataDir           the data directory (the demo keys of an all-in-one live under it)
 * @param officePublicKeyset {@code TIPLINE_OFFICE_PUBLIC_KEYSET}, when set
 * @param database          opens the database the service uses
 * @param console           asks for a password without echo; null when there is nobody to ask
 * @param operator          the operating-system account, recorded as the audit entry's actor
 */
public record ReviewersCliContext(Path dataDir, Optional<Path> officePublicKeyset, Database database,
        SecretPrompt console, String operator) {

    /** Opens the database; the caller closes it. */
    @FunctionalInterface
    public interface Database {
        CliDatabase open() throws SQLException, EmbeddedDatabase.StartFailure;
    }

    /** The real settings, console and database, read when a command runs. */
    public static ReviewersCliContext system() {
        TiplineConfig settings = EarlySettings.read().tipline();
        Path dataDir = settings.dataDir().toAbsolutePath();
        return new ReviewersCliContext(dataDir, settings.officePublicKeyset(), () -> CliDatabase.open(dataDir),
                SecretPrompt.console(), System.getProperty("user.name", "unknown"));
    }
}
