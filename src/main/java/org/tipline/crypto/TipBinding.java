package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The HPKE {@code contextInfo} of a tip: its internal id and the format version. A
 * ciphertext moved to another row, or read as another version, no longer decrypts.
 */
public final class TipBinding {

    /** The version of the sealed plaintext layout and of this binding. */
    public static final int FORMAT_VERSION = 1;

    private TipBinding() {
    }

    public static byte[] contextInfo(UUID tipId, int formatVersion) {
        return ("tipline/tip/v" + formatVersion + "/" + tipId).getBytes(StandardCharsets.US_ASCII);
    }
}
