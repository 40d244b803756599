package org.tipline.keys;

import java.nio.file.Path;
import java.util.List;

/**
 * What a keyset file says about itself without being unlocked. Anyone who can write the
 * file can edit this, but not unnoticed: unlocking checks it against the encrypted keyset.
 *
 * @param file the keyset file
 * @param kek  how the keyset is encrypted, for people (for example
 *             {@code argon2id, 65536 KiB, 3 iterations, parallelism 1}); nothing secret
 * @param keys the key pairs, oldest first
 */
public record OfficeKeysetStatus(Path file, String kek, List<OfficeKeyInfo> keys) {

    public OfficeKeysetStatus {
        keys = List.copyOf(keys);
    }

    /** The key new tips are encrypted to. */
    public OfficeKeyInfo primary() {
        return keys.stream().filter(OfficeKeyInfo::primary).findFirst().orElseThrow();
    }
}
