package org.tipline.cli;

import java.nio.file.Path;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.keys.KeyCustodyException;
import org.tipline.keys.KeyEncryptionKeySource;
import org.tipline.keys.KmsKek;
import org.tipline.keys.OfficeKeysetStatus;
import org.tipline.keys.Passphrase;
import org.tipline.keys.PassphraseKek;

/**
 * Opens an existing keyset with the key-encryption key its file names: through the KMS
 * for a {@code kms} keyset, without asking for anything; with the operator's passphrase for
 * an {@code argon2id} keyset, as before. An option that does not fit the keyset is refused
 * rather than ignored, so an operator learns which kind of keyset they hold.
 */
final class CurrentKek {

    /** What to do with the opened key-encryption key. */
    @FunctionalInterface
    interface Action<T> {
        T run(KeyEncryptionKeySource source) throws KeyLoadingException, KeyCustodyException;
    }

    private CurrentKek() {
    }

    static <T> T use(KeysCliContext context, OfficeKeysetStatus status, PassphraseOption passphrase,
            KmsCredentialsOption kms, Action<T> action) throws KeyLoadingException, KeyCustodyException {
        Path file = status.file();
        if (status.kmsHeld()) {
            if (passphrase.file != null) {
                throw new KeyCustodyException("the office keyset " + file + " is encrypted under a KMS key and needs "
                        + "no passphrase; leave out --passphrase-file");
            }
            return action.run(KmsKek.source(kms.access(context)));
        }
        if (kms.file != null) {
            throw new KeyCustodyException("the office keyset " + file + " is encrypted under a passphrase, not a KMS "
                    + "key; leave out --kms-credentials-file");
        }
        try (Passphrase secret = passphrase.obtain(context, false)) {
            return action.run(PassphraseKek.source(secret));
        }
    }
}
