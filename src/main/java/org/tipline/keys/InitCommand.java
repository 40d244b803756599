package org.tipline.keys;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.crypto.OfficeKem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code keys init}: a new encrypted keyset with one key pair. Never overwrites a file. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the office keyset: one new key pair, encrypted under a passphrase (Argon2id). "
                + "Refuses to overwrite an existing file.")
final class InitCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    @Mixin
    PassphraseOption passphrase;

    @Option(names = "--kem", paramLabel = "x25519|xwing", converter = KemConverter.class,
            description = "Key encapsulation of the key pair (default: xwing, post-quantum hybrid; "
                    + "it needs Conscrypt, on Linux x86_64 or aarch64).")
    OfficeKem kem;

    @Option(names = "--kdf-memory-kib", paramLabel = "<KiB>", defaultValue = "65536",
            description = "Argon2id memory in KiB (default: ${DEFAULT-VALUE}).")
    int memoryKiB;

    @Option(names = "--kdf-iterations", paramLabel = "<n>", defaultValue = "3",
            description = "Argon2id iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--kdf-parallelism", paramLabel = "<n>", defaultValue = "1",
            description = "Argon2id parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    InitCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKem chosen = kem != null ? kem : OfficeKeyCustody.defaultKem();
        Argon2idParameters argon2id;
        try {
            argon2id = new Argon2idParameters(memoryKiB, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new KeyCustodyException(e.getMessage());
        }
        context.custody().checkInit(file, chosen);
        OfficeKeysetStatus status;
        try (Passphrase secret = passphrase.obtain(context, true)) {
            status = context.custody().init(file, chosen, secret, argon2id);
        }
        OfficeKeyInfo key = status.primary();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created the office keyset " + file + " with key " + key.keyId() + " (" + key.kemName()
                + "), primary.");
        out.println("Next: keys export-public --out <file>, and give that file to intake as "
                + "TIPLINE_OFFICE_PUBLIC_KEYSET. Without the passphrase the keyset, and every tip, is lost.");
        return 0;
    }
}
