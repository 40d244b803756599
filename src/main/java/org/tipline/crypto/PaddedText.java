package org.tipline.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * The plaintext of a sealed piece of free text (an investigator's note, a dialogue
 * message): {@code {"text": ...}} as JSON, padded like tips ({@link JsonPadding}), so its
 * ciphertext's length tells only a coarse size.
 */
public final class PaddedText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PaddedText() {
    }

    public static byte[] of(String text) {
        try {
            return JsonPadding.pad(JSON.writeValueAsBytes(Map.of("text", text)));
        } catch (IOException e) {
            throw new IllegalStateException("text could not be written as JSON", e);
        }
    }

    /** The text inside a decrypted plaintext; throws when it is not such JSON. */
    public static String text(byte[] plaintext) throws IOException {
        return JSON.readTree(plaintext).path("text").asText();
    }
}
