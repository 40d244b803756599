package org.tipline.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the tipster sees of a reward, sealed under the tip's dialogue key: the payment
 * instructions and the payout code. The payout code is also kept as a SHA-256 bound to the
 * tip, which is all tipline needs to check the code the tipster quotes.
 */
public final class RewardSealing {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RewardSealing() {
    }

    public static byte[] seal(DialogueKey key, UUID tipId, String instructions, String payoutCode) {
        Map<String, String> view = new LinkedHashMap<>();
        view.put("instructions", instructions);
        view.put("payoutCode", payoutCode);
        try {
            return key.seal(JsonPadding.pad(JSON.writeValueAsBytes(view)),
                    Bindings.reward(tipId, Bindings.DIALOGUE_FORMAT_VERSION));
        } catch (IOException e) {
            throw new IllegalStateException("a reward could not be written as JSON", e);
        }
    }

    public static TipsterView open(DialogueKey key, UUID tipId, int formatVersion, byte[] ciphertext)
            throws GeneralSecurityException {
        byte[] json = key.open(ciphertext, Bindings.reward(tipId, formatVersion));
        try {
            JsonNode node = JSON.readTree(json);
            return new TipsterView(node.path("instructions").asText(), node.path("payoutCode").asText());
        } catch (IOException e) {
            throw new GeneralSecurityException("a reward's plaintext is not JSON");
        }
    }

    /** SHA-256 over the tip id and the canonical code: an 80-bit random code needs no slower hash. */
    public static byte[] payoutCodeHash(UUID tipId, String canonicalCode) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(Bindings.payoutCodePrefix(tipId));
            return sha256.digest(canonicalCode.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The instructions and the payout code, as the tipster sees them. */
    public record TipsterView(String instructions, String payoutCode) {

        @Override
        public String toString() {
            return "TipsterView[redacted]";
        }
    }
}
