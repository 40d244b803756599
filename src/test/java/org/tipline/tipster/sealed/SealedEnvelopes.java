package org.tipline.tipster.sealed;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.JsonPadding;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.tipster.followup.TipsterKdf;
import org.tipline.tipster.followup.TipsterPassphrase;
import org.tipline.tipster.followup.TipsterSecrets;

/** Sealed envelopes made in Java, as a front end makes them (docs/crypto.md, section 8), for tests. */
public final class SealedEnvelopes {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedEnvelopes() {
    }

    /** A binding token from the app under test. */
    public static Binding binding() {
        Response answer = given().get("/api/v1/tips/sealed/binding");
        answer.then().statusCode(200);
        return new Binding(answer.path("tipId"), answer.path("reference"), answer.path("binding"));
    }

    public record Binding(String tipId, String reference, String token) {
    }

    /** An envelope and the passphrase it was made with. */
    public record Sealed(ObjectNode envelope, String passphrase) {

        public String json() {
            return envelope.toString();
        }

        Sealed with(String field, String value) {
            ObjectNode copy = envelope.deepCopy();
            if (value == null) {
                copy.remove(field);
            } else {
                copy.put(field, value);
            }
            return new Sealed(copy, passphrase);
        }

        byte[] bytes(String field) {
            return Base64.getDecoder().decode(envelope.get(field).asText());
        }
    }

    /** What a browser derives from the passphrase for a sealed follow-up (envelope version 2). */
    record Derived(byte[] a, DialogueKey wrappingKey, byte[] seed, byte[] signInKey) {

        static Derived from(String passphrase, String kdfText) {
            TipsterKdf.Form kdf = TipsterKdf.Form.parse(kdfText);
            byte[] a = org.tipline.crypto.Argon2id.derive(passphrase.getBytes(StandardCharsets.UTF_8), kdf.salt(),
                    kdf.memoryKib(), kdf.iterations(), kdf.parallelism(), 32);
            byte[] seed = DialogueKey.hkdf(a, Bindings.FOLLOWUP_SIGNIN_KEY, 32);
            return new Derived(a, DialogueKey.derive(a, Bindings.FOLLOWUP_WRAPPING_KEY), seed,
                    org.tipline.crypto.SealedSignIn.publicKeyOf(seed));
        }
    }

    /**
     * An envelope of version 2 (a sealed follow-up: an Ed25519 sign-in key, no verifier) for
     * this description, with a cheap Argon2id (64 KiB, 1 pass) to keep tests quick.
     */
    static Sealed sealVersion2(OfficePublicKey officeKey, Binding binding, String description) {
        String json = "{\"category\":\"drugs\",\"description\":" + JSON.valueToTree(description)
                + ",\"formatVersion\":2,\"language\":\"en\"}";
        return sealPlaintextVersion2(officeKey, binding, JsonPadding.pad(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Like {@link #sealVersion2}, with the plaintext exactly as given (no padding added). */
    static Sealed sealPlaintextVersion2(OfficePublicKey officeKey, Binding binding, byte[] plaintext) {
        UUID id = UUID.fromString(binding.tipId());
        String passphrase = TipsterPassphrase.generate(RANDOM);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String kdf = new TipsterKdf.Form(64, 1, 1, salt).encode();
        Derived derived = Derived.from(passphrase, kdf);
        DialogueKey dialogueKey = DialogueKey.generate();
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode envelope = JSON.createObjectNode()
                .put("version", 2)
                .put("tipId", binding.tipId())
                .put("reference", binding.reference());
        if (binding.token() != null) {
            envelope.put("binding", binding.token());
        }
        envelope.put("category", "drugs")
                .put("tip", b64.encodeToString(officeKey.seal(plaintext,
                        Bindings.tip(id, Bindings.SEALED_TIP_FORMAT_VERSION)).ciphertext()))
                .put("officeDialogueKey", b64.encodeToString(officeKey.seal(dialogueKey.bytes(),
                        Bindings.officeDialogueKey(id)).ciphertext()))
                .put("tipsterKdf", kdf)
                .put("tipsterSignInKey", b64.encodeToString(derived.signInKey()))
                .put("tipsterKey", b64.encodeToString(derived.wrappingKey().seal(dialogueKey.bytes(),
                        Bindings.tipsterDialogueKey(id, binding.reference()))));
        return new Sealed(envelope, passphrase);
    }

    /** A sealed tip of this description for the binding, sealed to the office key with a padded plaintext. */
    public static Sealed seal(OfficePublicKey officeKey, Binding binding, String description) {
        String json = "{\"category\":\"drugs\",\"description\":" + JSON.valueToTree(description)
                + ",\"formatVersion\":2,\"language\":\"en\"}";
        return sealPlaintext(officeKey, binding, JsonPadding.pad(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** Like {@link #seal}, with the plaintext exactly as given (no padding added). */
    static Sealed sealPlaintext(OfficePublicKey officeKey, Binding binding, byte[] plaintext) {
        UUID id = UUID.fromString(binding.tipId());
        String passphrase = TipsterPassphrase.generate(RANDOM);
        TipsterKdf kdf = TipsterKdf.fresh(256, 1, RANDOM);
        TipsterSecrets secrets = TipsterSecrets.from(kdf.derive(passphrase));
        DialogueKey dialogueKey = DialogueKey.generate();
        Base64.Encoder b64 = Base64.getEncoder();
        ObjectNode envelope = JSON.createObjectNode()
                .put("version", 1)
                .put("tipId", binding.tipId())
                .put("reference", binding.reference());
        if (binding.token() != null) {
            envelope.put("binding", binding.token());
        }
        envelope.put("category", "drugs")
                .put("tip", b64.encodeToString(officeKey.seal(plaintext,
                        Bindings.tip(id, Bindings.SEALED_TIP_FORMAT_VERSION)).ciphertext()))
                .put("officeDialogueKey", b64.encodeToString(officeKey.seal(dialogueKey.bytes(),
                        Bindings.officeDialogueKey(id)).ciphertext()))
                .put("tipsterKdf", kdf.encode())
                .put("tipsterVerifier", b64.encodeToString(secrets.verifier()))
                .put("tipsterKey", b64.encodeToString(secrets.wrappingKey().seal(dialogueKey.bytes(),
                        Bindings.tipsterDialogueKey(id, binding.reference()))));
        return new Sealed(envelope, passphrase);
    }
}
