package org.tipline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.OfficeKeyInfo;
import org.tipline.keys.OfficeKeysetStatus;
import org.tipline.keys.Passphrase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys init}: a new encrypted keyset with one key pair. Never overwrites a file. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create the office keyset: one new key pair, encrypted under a passphrase (Argon2id) or, "
                + "with --kms-key-uri, under a key in the office's KMS. Refuses to overwrite an existing file.")
final class InitCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    @Mixin
    PassphraseOption passphrase;

    @Mixin
    KdfOptions kdf;

    @Mixin
    KmsCredentialsOption kms;

    @Option(names = "--kms-key-uri", paramLabel = "<uri>",
            description = "Encrypt the keyset under this KMS key instead of a passphrase: "
                    + "aws-kms://arn:aws:kms:<region>:<account>:key/<id> or "
                    + "gcp-kms://projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>. No passphrase is asked for.")
    String kmsKeyUri;

    @Option(names = "--kem", paramLabel = "x25519|xwing", converter = KemConverter.class,
            description = "Key encapsulation of the key pair (default: xwing, post-quantum hybrid; "
                    + "it needs Conscrypt, on Linux x86_64 or aarch64).")
    OfficeKem kem;

    InitCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKem chosen = kem != null ? kem : OfficeKeyCustody.defaultKem();
        OfficeKeysetStatus status = kmsKeyUri != null ? initWithKms(file, chosen) : initWithPassphrase(file, chosen);
        OfficeKeyInfo key = status.primary();
        PrintWriter out = spec.commandLine().getOut();
        if (status.kmsHeld()) {
            out.println("Created the office keyset " + file + " with key " + key.keyId() + " (" + key.kemName()
                    + "), primary, encrypted under the " + status.kek() + ".");
            out.println("Next: keys export-public --out <file>, and give that file to intake as "
                    + "TIPLINE_OFFICE_PUBLIC_KEYSET. Without that KMS key the keyset, and every tip, is lost: "
                    + "never schedule it for deletion.");
        } else {
            out.println("Created the office keyset " + file + " with key " + key.keyId() + " (" + key.kemName()
                    + "), primary.");
            out.println("Next: keys export-public --out <file>, and give that file to intake as "
                    + "TIPLINE_OFFICE_PUBLIC_KEYSET. Without the passphrase the keyset, and every tip, is lost.");
        }
        return 0;
    }

    private OfficeKeysetStatus initWithKms(Path file, OfficeKem chosen) throws Exception {
        if (passphrase.file != null || KdfOptions.anyGiven(spec)) {
            throw new KeyCustodyException("--kms-key-uri and a passphrase exclude each other: leave out "
                    + "--passphrase-file and the --kdf options");
        }
        KmsKeyUri key;
        try {
            key = new KmsKeyUri(kmsKeyUri);
        } catch (IllegalArgumentException e) {
            throw new KeyCustodyException(e.getMessage());
        }
        context.custody().checkInit(file, chosen);
        return context.custody().init(file, chosen, key, kms.access(context));
    }

    private OfficeKeysetStatus initWithPassphrase(Path file, OfficeKem chosen) throws Exception {
        if (kms.file != null) {
            throw new KeyCustodyException("--kms-credentials-file goes with --kms-key-uri");
        }
        Argon2idParameters argon2id = kdf.parameters();
        context.custody().checkInit(file, chosen);
        try (Passphrase secret = passphrase.obtain(context, true)) {
            return context.custody().init(file, chosen, secret, argon2id);
        }
    }
}
