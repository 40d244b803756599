package org.tipline.cli;

import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.KeyCustodyException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The Argon2id cost of a new passphrase key-encryption key ({@code init}, {@code rewrap --to-passphrase}). */
final class KdfOptions {

    private static final String[] NAMES = {"--kdf-memory-kib", "--kdf-iterations", "--kdf-parallelism"};

    @Option(names = "--kdf-memory-kib", paramLabel = "<KiB>", defaultValue = "65536",
            description = "Argon2id memory in KiB (default: ${DEFAULT-VALUE}).")
    int memoryKiB;

    @Option(names = "--kdf-iterations", paramLabel = "<n>", defaultValue = "3",
            description = "Argon2id iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--kdf-parallelism", paramLabel = "<n>", defaultValue = "1",
            description = "Argon2id parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    Argon2idParameters parameters() throws KeyCustodyException {
        try {
            return new Argon2idParameters(memoryKiB, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new KeyCustodyException(e.getMessage());
        }
    }

    /** Whether any of these options was given on the command line (they mean nothing for a KMS key). */
    static boolean anyGiven(CommandSpec spec) {
        for (String name : NAMES) {
            if (spec.commandLine().getParseResult().hasMatchedOption(name)) {
                return true;
            }
        }
        return false;
    }
}
