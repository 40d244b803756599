package org.tipline.dialogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.UUID;
import org.tipline.crypto.DialogueBinding;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.JsonPadding;

/**
 * A dialogue message's sealed form: {@code {"text": ...}} as JSON, padded like tips to
 * 256-byte steps, under the tip's dialogue key with AES-256-GCM, bound to the tip, the
 * message number and the sender.
 */
public final class MessageSealing {

    public static final String TIPSTER = "tipster";
    public static final String OFFICE = "office";
    /** The longest message either side may send, in characters. */
    public static final int MAX_TEXT = 5_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageSealing() {
    }

    public static byte[] seal(DialogueKey key, UUID tipId, int number, String sender, String text) {
        try {
            byte[] json = JSON.writeValueAsBytes(Map.of("text", text));
            return key.seal(JsonPadding.pad(json),
                    DialogueBinding.message(tipId, number, sender, DialogueBinding.FORMAT_VERSION));
        } catch (IOException e) {
            throw new IllegalStateException("a message could not be written as JSON", e);
        }
    }

    /** The text, or throws when the ciphertext is not this tip's message {@code number} from {@code sender}. */
    public static String open(DialogueKey key, UUID tipId, int number, String sender, int formatVersion,
            byte[] ciphertext) throws GeneralSecurityException {
        byte[] json = key.open(ciphertext, DialogueBinding.message(tipId, number, sender, formatVersion));
        try {
            return JSON.readTree(json).path("text").asText();
        } catch (IOException e) {
            throw new GeneralSecurityException("a message's plaintext is not JSON");
        }
    }
}
