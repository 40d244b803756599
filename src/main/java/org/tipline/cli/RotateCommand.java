package org.tipline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.OfficeKeyInfo;
import org.tipline.keys.OfficeKeysetStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys rotate}: a new primary key pair; older ones stay so older tips still open. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = "Add a new key pair and make it primary. Older key pairs stay, so older tips still "
                + "decrypt. Export the public keyset again afterwards.")
final class RotateCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    @Mixin
    PassphraseOption passphrase;

    @Mixin
    KmsCredentialsOption kms;

    @Option(names = "--kem", paramLabel = "x25519|xwing", converter = KemConverter.class,
            description = "Key encapsulation of the new key pair (default: xwing).")
    OfficeKem kem;

    RotateCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKem chosen = kem != null ? kem : OfficeKeyCustody.defaultKem();
        context.custody().requireUsableHere(chosen);
        OfficeKeysetStatus current = context.custody().status(file);
        OfficeKeysetStatus status = CurrentKek.use(context, current, passphrase, kms,
                source -> context.custody().rotate(file, chosen, source));
        OfficeKeyInfo key = status.primary();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Key " + key.keyId() + " (" + key.kemName() + ") is now primary in " + file + "; "
                + status.keys().size() + " key pairs in all.");
        out.println("Next: keys export-public again, and restart intake with the new public keyset.");
        return 0;
    }
}
