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
import java.util.HexFormat;
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
    /** The sealed follow-up's vectors (docs/crypto.md, section 8), the same as the JavaScript sealer's. */
    @Test
    void sealedSignIn() {
        HexFormat hex = HexFormat.of();
        byte[] counting = new byte[32];
        for (int i = 0; i < counting.length; i++) {
            counting[i] = (byte) i;
        }
        String challenge = "3f1c9e6a0b5d2f7e4a8c1b6d9e0f2a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f";
        assertThat(ascii(Bindings.sealedSignIn(REFERENCE, challenge))).isEqualTo("tipline/followup/sealed-signin/v1/"
                + "TIP-7KQ3-9XHD-M2PF-4RTA/3f1c9e6a0b5d2f7e4a8c1b6d9e0f2a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f");
        byte[] publicKey = SealedSignIn.publicKeyOf(counting);
        assertThat(hex.formatHex(publicKey)).isEqualTo("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8");
        byte[] signature = Base64.getDecoder().decode(
                "9HOUc39aPLM0sAl/viWMAIT6YqRQq1csKPWI0WvZHPuOYpS8AaSM+0LCJKxfmuu9fSZ1ik9LOFCDecXHejWlCw==");
        assertThat(SealedSignIn.sign(counting, REFERENCE, challenge)).isEqualTo(signature);
        assertThat(SealedSignIn.verify(publicKey, REFERENCE, challenge, signature)).isTrue();
        assertThat(SealedSignIn.verify(publicKey, REFERENCE, challenge.replace('3', '4'), signature)).isFalse();
        assertThat(SealedSignIn.verify(null, REFERENCE, challenge, signature)).isFalse();

        // A = 00 01 ... 1f: the sign-in seed and its public key.
        byte[] seed = DialogueKey.hkdf(counting, Bindings.FOLLOWUP_SIGNIN_KEY, 32);
        assertThat(hex.formatHex(seed)).isEqualTo("f1e228af96529883106a19a1a538ea6c938eb04e7c203b4067e47d86f9b95bc8");
        assertThat(hex.formatHex(SealedSignIn.publicKeyOf(seed)))
                .isEqualTo("bb84fe4b64e5bf42ce5febc29ca46fc20958ec919f32bd46e2c582fec021358e");

        // From a passphrase: Argon2id (64 KiB, 1 pass, salt 00 01 ... 0f), then the two HKDFs.
        byte[] a = Argon2id.derive("correct horse battery staple".getBytes(StandardCharsets.UTF_8),
                java.util.Arrays.copyOf(counting, 16), 64, 1, 1, 32);
        assertThat(hex.formatHex(DialogueKey.hkdf(a, Bindings.FOLLOWUP_WRAPPING_KEY, 32)))
                .isEqualTo("f3dbdd168d06fe47eb66d63cd47606302f70cb12d8b7e45a1c1f55f9134fb20a");
        byte[] passphraseSeed = DialogueKey.hkdf(a, Bindings.FOLLOWUP_SIGNIN_KEY, 32);
        assertThat(hex.formatHex(passphraseSeed))
                .isEqualTo("6331c92404a8a823be93c08e2d5f28576105c78c481bff2114c55ca9c14a1507");
        assertThat(hex.formatHex(SealedSignIn.publicKeyOf(passphraseSeed)))
                .isEqualTo("cc911be8f6bec2d5e7530a038d71352f3c74cbfacc19c743c856a32655c8aeb6");
    }
}
