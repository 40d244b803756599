package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The associated data (for AES-GCM) and context info (for HPKE) of everything sealed in a
 * tip's dialogue. Each names what the ciphertext is, its format version and the rows it
 * belongs to, so a ciphertext copied to another tip, another message number, another
 * sender or another purpose does not open. docs/crypto.md lists them.
 */
public final class DialogueBinding {

    public static final int FORMAT_VERSION = 1;

    private DialogueBinding() {
    }

    /** The dialogue key sealed to the office public key (HPKE context info). */
    public static byte[] officeKey(UUID tipId) {
        return ascii("tipline/dialogue-key/office/v1/" + tipId);
    }

    /** The dialogue key wrapped under the key derived from the tipster's passphrase. */
    public static byte[] tipsterKey(UUID tipId, String reference) {
        return ascii("tipline/dialogue-key/tipster/v1/" + tipId + "/" + reference);
    }

    /** The dialogue key sealed under a key derived from a tipster session token. */
    public static byte[] sessionKey(UUID tipId) {
        return ascii("tipline/dialogue-key/session/v1/" + tipId);
    }

    /** One message of the thread. */
    public static byte[] message(UUID tipId, int number, String sender, int formatVersion) {
        return ascii("tipline/message/v" + formatVersion + "/" + tipId + "/" + number + "/" + sender);
    }

    /** What the tipster sees of a reward: payment instructions and the payout code. */
    public static byte[] reward(UUID tipId, int formatVersion) {
        return ascii("tipline/reward/v" + formatVersion + "/" + tipId);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
