package org.tipline.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.OfficeKeysetStatus;
import org.tipline.keys.Passphrase;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keys rewrap}: the same key pairs under another key-encryption key. This is how an
 * office moves its keyset into its KMS, from one KMS key to another, back to a passphrase,
 * or changes its passphrase. The public keyset does not change.
 */
@Command(name = "rewrap", mixinStandardHelpOptions = true,
        description = "Encrypt the office keyset under another key-encryption key: a KMS key (--kms-key-uri) or a "
                + "new passphrase (--to-passphrase). The key pairs stay the same, so intake needs nothing new. "
                + "Copies of the old file still open with the old key-encryption key.")
final class RewrapCommand implements Callable<Integer> {

    private final KeysCliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    KeysetFileOption keyset;

    /** The current passphrase, for a keyset encrypted under one. */
    @Mixin
    PassphraseOption passphrase;

    @Mixin
    KmsCredentialsOption kms;

    @Mixin
    KdfOptions kdf;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--kms-key-uri", paramLabel = "<uri>", required = true,
                description = "Encrypt the keyset under this KMS key from now on.")
        String kmsKeyUri;

        @Option(names = "--to-passphrase", required = true,
                description = "Encrypt the keyset under a new passphrase (Argon2id) from now on.")
        boolean toPassphrase;
    }

    @Option(names = "--new-passphrase-file", paramLabel = "<file>",
            description = "With --to-passphrase: the file holding the new passphrase (otherwise it is asked for "
                    + "twice on the console; never taken from the environment).")
    Path newPassphraseFile;

    RewrapCommand(KeysCliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path file = keyset.resolve(context);
        OfficeKeyCustody.NewKek next = target.toPassphrase ? newPassphraseKek() : newKmsKek();
        OfficeKeysetStatus current = context.custody().status(file);
        OfficeKeysetStatus status = CurrentKek.use(context, current, passphrase, kmsForCurrent(current),
                source -> context.custody().rewrap(file, source, next));
        PrintWriter out = spec.commandLine().getOut();
        out.println("The office keyset " + file + " is now encrypted under the " + status.kek() + "; its "
                + status.keys().size() + " key pairs are unchanged, and so is the public keyset.");
        out.println("Copies and backups of the old file still open with the " + current.kek() + ": destroy them if "
                + "that should no longer be possible."
                + (status.kmsHeld() ? " The review role now starts without TIPLINE_OFFICE_KEY_PASSPHRASE_FILE." : ""));
        return 0;
    }

    /** {@code --kms-credentials-file} is for whichever KMS key is involved; it never refers to a passphrase keyset. */
    private KmsCredentialsOption kmsForCurrent(OfficeKeysetStatus current) {
        return current.kmsHeld() ? kms : new KmsCredentialsOption();
    }

    private OfficeKeyCustody.NewKek newKmsKek() throws KeyCustodyException {
        if (newPassphraseFile != null || KdfOptions.anyGiven(spec)) {
            throw new KeyCustodyException("--kms-key-uri and a new passphrase exclude each other: leave out "
                    + "--new-passphrase-file and the --kdf options");
        }
        KmsKeyUri key;
        try {
            key = new KmsKeyUri(target.kmsKeyUri);
        } catch (IllegalArgumentException e) {
            throw new KeyCustodyException(e.getMessage());
        }
        KmsAccess access = kms.access(context);
        return () -> OfficeKeyCustody.kmsKek(key, access);
    }

    private OfficeKeyCustody.NewKek newPassphraseKek() throws KeyCustodyException {
        Argon2idParameters argon2id = kdf.parameters();
        // Asked for only once the current key-encryption key has opened the keyset.
        return () -> {
            try (Passphrase secret = PassphraseOption.fromFileOrConsole(context, newPassphraseFile, true,
                    "no new passphrase: there is no console to ask on; give --new-passphrase-file")) {
                return OfficeKeyCustody.passphraseKek(secret, argon2id);
            }
        };
    }
}
