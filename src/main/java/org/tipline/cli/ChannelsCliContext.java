package org.tipline.cli;

import java.nio.file.Path;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.TiplineConfig;

/**
 * What {@code tipline channels} takes from outside. Tests give their own; {@link #system()}
 * is the real one.
 *
 * @param database       opens the database the service uses (the review login on an embedded one)
 * @param operator       the operating-system account, recorded as the audit entries' actor
 * @param keylessName    {@code tipline.channels.keyless-name}, which no created channel may take
 * @param defaultProgram {@code tipline.intake.program}, a new channel's program unless one is given
 */
public record ChannelsCliContext(ReviewersCliContext.Database database, String operator, String keylessName,
        String defaultProgram) {

    /** The real settings and database, read when a command runs. */
    public static ChannelsCliContext system() {
        TiplineConfig settings = EarlySettings.read().tipline();
        Path dataDir = settings.dataDir().toAbsolutePath();
        return new ChannelsCliContext(() -> CliDatabase.open(dataDir), System.getProperty("user.name", "unknown"),
                settings.channels().keylessName(), settings.intake().program());
    }
}
