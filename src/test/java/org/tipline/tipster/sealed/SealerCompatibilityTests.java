package org.tipline.tipster.sealed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.crypto.tink.KeysetHandle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.DialogueKey;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedEnvelope;
import org.tipline.crypto.TipOpener;
import org.tipline.testing.NodeTools;
import org.tipline.tip.TipPlaintext;

/**
 * The page's JavaScript sealer against tipline's Java (Tink) side, for both office KEMs: an
 * envelope it makes passes intake's form checks, its tip and office dialogue key open with the
 * office private key, and its passphrase yields its verifier and opens its wrapped dialogue key,
 * which is the office's copy.
 */
class SealerCompatibilityTests {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(OfficeKem.class)
    void whatTheJavaScriptSealerMakesOpensInJava(OfficeKem kem) throws Exception {
        NodeTools.requirePage("@hpke/core", "@hpke/dhkem-x25519", "@hpke/hybridkem-x-wing", "@hpke/chacha20poly1305",
                "hash-wasm",
                "@noble/curves");
        CryptoProviders.install();
        KeysetHandle privateKeyset = KeysetHandle.generateNew(kem.parameters(),
                com.google.crypto.tink.hybrid.HybridConfig2026.get());
        Path publicFile = folder.resolve("office-public-" + kem.label() + ".json");
        Files.writeString(publicFile, KeysetFiles.publicJson(privateKeyset.getPublicKeysetHandle()));
        OfficePublicKey officeKey = new OfficePublicKey(privateKeyset.getPublicKeysetHandle(), new SimpleMeterRegistry());
        OfficePrivateKey office = new OfficePrivateKey(privateKeyset);

        UUID tipId = UUID.randomUUID();
        String reference = "TIP-7KQ3-9XHD-M2PF-4RTA";
        String description = "Über den Fluss — " + "x".repeat(300);
        String output = NodeTools.run(Map.of(), "seal-tip.mjs", "--office-key", publicFile.toString(),
                "--tip-id", tipId.toString(), "--reference", reference,
                "--tip", "{\"category\":\"fraud\",\"description\":\"" + description + "\",\"occurredAt\":\"2026-11-20\"}");
        JsonNode result = SealedEnvelopes.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        JsonNode envelope = result.get("envelope");
        assertThat(result.get("kem").asText()).isEqualTo(kem.label());

        assertThat(envelope.get("version").asInt()).as("the sealer makes version 2 by default").isEqualTo(2);
        assertThat(envelope.has("tipsterVerifier")).isFalse();
        SealedEnvelope.Checked checked = SealedEnvelope.check(officeKey, envelope.get("tip").asText(),
                envelope.get("officeDialogueKey").asText(), null, envelope.get("tipsterSignInKey").asText(),
                envelope.get("tipsterKey").asText());
        assertThat(checked.tip().formatVersion()).isEqualTo(2);
        assertThat((checked.tip().ciphertext().length - kem.ciphertextOverhead()) % 256).isZero();

        TipPlaintext tip = TipPlaintext.fromJson(new TipOpener(privateKeyset).open(tipId, 2, checked.tip().ciphertext()));
        assertThat(tip.formatVersion()).isEqualTo(2);
        assertThat(tip.category()).isEqualTo("fraud");
        assertThat(tip.description()).isEqualTo(description);
        assertThat(tip.occurredAt()).isEqualTo("2026-11-20");

        byte[] officeCopy = office.open(checked.officeDialogueKey().ciphertext(), Bindings.officeDialogueKey(tipId));
        assertThat(officeCopy).hasSize(32);
        assertThat(envelope.get("tipsterKdf").asText()).startsWith("$argon2id$v=19$m=65536,t=3,p=1$");
        SealedEnvelopes.Derived derived = SealedEnvelopes.Derived.from(result.get("passphrase").asText(),
                envelope.get("tipsterKdf").asText());
        assertThat(checked.signInKey()).isEqualTo(derived.signInKey());
        byte[] tipsterCopy = derived.wrappingKey().open(checked.tipsterKey(),
                Bindings.tipsterDialogueKey(tipId, reference));
        assertThat(DialogueKey.of(tipsterCopy)).isEqualTo(DialogueKey.of(officeCopy));
        assertThat(Base64.getDecoder().decode(envelope.get("tip").asText())).isEqualTo(checked.tip().ciphertext());
    }
}
