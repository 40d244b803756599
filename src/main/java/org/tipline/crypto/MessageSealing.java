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
