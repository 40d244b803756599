package org.tipline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --keyset}, shared by every {@code keys} command. */
final class KeysetFileOption {

    @Option(names = "--keyset", paramLabel = "<file>",
            description = "The encrypted office keyset file (default: $TIPLINE_DATA_DIR/keys/office-keyset.json, "
                    + "with TIPLINE_DATA_DIR defaulting to ./tipline-data).")
    Path file;

    Path resolve(KeysCliContext context) {
        return file != null ? file : context.defaultKeysetFile();
    }
}
