package org.tipline.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** tipline's own settings; each key also reads from the matching TIPLINE_* environment variable. */
@ConfigMapping(prefix = "tipline")
public interface TiplineConfig {

    /** Home of the embedded database ({@code pg/}) and the demo keys ({@code keys/}). */
    Path dataDir();

    /** Stored received-times are truncated to this; it must divide a day evenly. */
    @WithDefault("PT1H")
    Duration timeGranularity();

    /** The public half of the office keyset (Tink JSON). Unset: a demo key pair under {@code data-dir/keys}. */
    Optional<Path> officePublicKeyset();

    Intake intake();

    interface Intake {
        /** The categories a tip may carry, stored in clear for routing. */
        List<String> categories();
    }
}
