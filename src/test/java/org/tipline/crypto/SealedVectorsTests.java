package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sealed-submission test vectors published in docs/crypto.md, section 8: fixed inputs give
 * fixed binding strings and a fixed binding token, and a fixed envelope (made once by the page's
 * JavaScript sealer, src/test/resources/sealed/vector-x25519.json) passes the form checks and
 * opens to its fixed plaintext with the vector's office key.
 */
class SealedVectorsTests {

    private static final UUID TIP_ID = UUID.fromString("0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90");
    private static final String REFERENCE = "TIP-7KQ3-9XHD-M2PF-4RTA";
    private static final Path VECTORS = Path.of("src/test/resources/sealed");

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void bindingStrings() {
        assertThat(ascii(Bindings.tip(TIP_ID, Bindings.SEALED_TIP_FORMAT_VERSION)))
                .isEqualTo("tipline/tip/v2/0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90");
        assertThat(ascii(Bindings.officeDialogueKey(TIP_ID)))
                .isEqualTo("tipline/dialogue-key/office/v1/0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90");
        assertThat(ascii(Bindings.tipsterDialogueKey(TIP_ID, REFERENCE)))
                .isEqualTo("tipline/dialogue-key/tipster/v1/0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90/TIP-7KQ3-9XHD-M2PF-4RTA");
        assertThat(ascii(Bindings.sealedBinding(TIP_ID, REFERENCE, 1_798_760_000L, 20_819L))).isEqualTo(
                "tipline/sealed-binding/v1/0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90/TIP-7KQ3-9XHD-M2PF-4RTA/1798760000/20819");
    }

    @Test
    void bindingToken() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        BindingToken binding = new BindingToken(TIP_ID, REFERENCE, 1_798_760_000L, 20_819L);
        String token = "0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90.TIP-7KQ3-9XHD-M2PF-4RTA.1798760000.20819."
                + "YXoV6el_7GCFO-AwvNdWNWJCq8H935H5x0GkXu0P1ro";
        assertThat(binding.sign(key)).isEqualTo(token);
        assertThat(BindingToken.parse(token)).isEqualTo(binding);
        assertThat(binding.signedBy(token, key)).isTrue();
        key[0] = 1;
        assertThat(binding.signedBy(token, key)).isFalse();
        assertThat(BindingToken.parse(token.replace("TIP-7KQ3", "tip-7kq3"))).isNull();
        assertThat(BindingToken.parse(token + "A")).isNull();
        assertThat(BindingToken.parse(token.replace("4c1d-4a52", "4c1d-1a52"))).as("a version-1 UUID").isNull();
    }

    @Test
    void envelopeOpensToItsPlaintext() throws Exception {
        JsonNode vector = new ObjectMapper().readTree(VECTORS.resolve("vector-x25519.json").toFile());
        JsonNode envelope = vector.get("envelope");
        OfficePublicKey officeKey = new OfficePublicKey(
                KeysetFiles.readPublic(VECTORS.resolve(vector.get("officePublicKeyset").asText())), new SimpleMeterRegistry());
        OfficePrivateKey office = new OfficePrivateKey(
                KeysetFiles.readPrivate(VECTORS.resolve(vector.get("officePrivateKeyset").asText())));
        assertThat(envelope.get("tipId").asText()).isEqualTo(TIP_ID.toString());

        SealedEnvelope.Checked checked = SealedEnvelope.check(officeKey, envelope.get("tip").asText(),
                envelope.get("officeDialogueKey").asText(), envelope.get("tipsterVerifier").asText(),
                null, envelope.get("tipsterKey").asText());
        assertThat(checked.tip().keyId()).isEqualTo(officeKey.primaryKeyId());
        assertThat(SealedEnvelope.keyIdOf(checked.tip().ciphertext())).isEqualTo(officeKey.primaryKeyId());
        assertThat(checked.tip().ciphertext()).hasSize(53 + 256);
        assertThat(checked.officeDialogueKey().ciphertext()).hasSize(53 + 32);

        byte[] padded = office.open(checked.tip().ciphertext(), Bindings.tip(TIP_ID, 2));
        assertThat(ascii(padded).stripTrailing()).isEqualTo(vector.get("tipPlaintext").asText());
        assertThat(padded).hasSize(256);
        assertThatThrownBy(() -> office.open(checked.tip().ciphertext(), Bindings.tip(TIP_ID, 1)))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] dialogueKey = office.open(checked.officeDialogueKey().ciphertext(), Bindings.officeDialogueKey(TIP_ID));

        // The passphrase yields the verifier, and its wrapping key opens the same dialogue key.
        String kdf = envelope.get("tipsterKdf").asText();
        assertThat(kdf).startsWith("$argon2id$v=19$m=256,t=1,p=1$");
        byte[] a = Argon2id.derive(vector.get("passphrase").asText().getBytes(StandardCharsets.UTF_8),
                Base64.getDecoder().decode(kdf.substring(kdf.lastIndexOf('$') + 1)), 256, 1, 1, 32);
        assertThat(DialogueKey.hkdf(a, Bindings.FOLLOWUP_VERIFIER, 32)).isEqualTo(checked.verifier());
        assertThat(DialogueKey.derive(a, Bindings.FOLLOWUP_WRAPPING_KEY)
                .open(checked.tipsterKey(), Bindings.tipsterDialogueKey(TIP_ID, REFERENCE))).isEqualTo(dialogueKey);
    }
}
