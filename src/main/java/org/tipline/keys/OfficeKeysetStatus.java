package org.tipline.keys;

import java.nio.file.Path;
import java.util.List;

/**
 * What a keyset file says about itself without being unlocked. Anyone who can write the
 * file can edit this, but not unnoticed: unlocking checks it against the encrypted keyset.
 *
 * @param file    the keyset file
 * @param kekKind the kind of key-encryption key: {@value PassphraseKek#KIND} or {@value KmsKek#KIND}
 *                (another value only in a file from elsewhere)
 * @param kek     how the keyset is encrypted, for people (for example
 *                {@code passphrase (argon2id, 65536 KiB, ...)} or {@code KMS key aws-kms://...}); nothing secret
 * @param keys    the key pairs, oldest first
 */
public record OfficeKeysetStatus(Path file, String kekKind, String kek, List<OfficeKeyInfo> keys) {

    public OfficeKeysetStatus {
        keys = List.copyOf(keys);
    }

    /** The key new tips are encrypted to. */
    public OfficeKeyInfo primary() {
        return keys.stream().filter(OfficeKeyInfo::primary).findFirst().orElseThrow();
    }

    /** Whether the key-encryption key is held in a KMS, so that no passphrase is needed. */
    public boolean kmsHeld() {
        return KmsKek.KIND.equals(kekKind);
    }
}
