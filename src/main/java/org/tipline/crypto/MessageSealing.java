package org.tipline.crypto;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.UUID;

/**
 * A dialogue message's sealed form: its {@link PaddedText} under the tip's dialogue key with
 * AES-256-GCM, bound to the tip, the message number and the sender.
 */
public final class MessageSealing {

    public static final String TIPSTER = "tipster";
    public static final String OFFICE = "office";
    /** The longest message either side may send, in characters. */
    public static final int MAX_TEXT = 5_000;
    /**
     * The longest padded plaintext of a message: that of {@link #MAX_TEXT} characters that JSON
     * writes as six bytes each ({@code \u0001}), in {@code {"text":"..."}}. 30,208 bytes.
     */
    public static final int MAX_PADDED = (MAX_TEXT * 6 + 11) / JsonPadding.BLOCK * JsonPadding.BLOCK + JsonPadding.BLOCK;
    /** AES-256-GCM's overhead in a message ciphertext: the 12-byte IV and the 16-byte tag. */
    public static final int OVERHEAD = 12 + 16;

    /** Whether a message ciphertext a browser sealed itself has a length the format allows. */
    public enum Form {
        OK,
        /** Not 28 bytes plus a positive multiple of 256. */
        MALFORMED,
        /** Longer than the longest plain message's ciphertext. */
        TOO_LARGE
    }

    /** The form of a ciphertext sealed outside tipline: 28 + 256·k bytes, 1 ≤ k, at most {@link #MAX_PADDED} padded. */
    public static Form formOf(byte[] ciphertext) {
        int padded = ciphertext.length - OVERHEAD;
        if (padded > MAX_PADDED) {
            return Form.TOO_LARGE;
        }
        return padded < JsonPadding.BLOCK || padded % JsonPadding.BLOCK != 0 ? Form.MALFORMED : Form.OK;
    }

    private MessageSealing() {
    }

    public static byte[] seal(DialogueKey key, UUID tipId, int number, String sender, String text) {
        return key.seal(PaddedText.of(text), Bindings.message(tipId, number, sender, Bindings.DIALOGUE_FORMAT_VERSION));
    }

    /** The text, or throws when the ciphertext is not this tip's message {@code number} from {@code sender}. */
    public static String open(DialogueKey key, UUID tipId, int number, String sender, int formatVersion,
            byte[] ciphertext) throws GeneralSecurityException {
        byte[] json = key.open(ciphertext, Bindings.message(tipId, number, sender, formatVersion));
        try {
            return PaddedText.text(json);
        } catch (IOException e) {
            throw new GeneralSecurityException("a message's plaintext is not JSON");
        }
    }
}
