package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Intake accepts only public key material; the demo key pair works end to end. */
class KeysetFilesTests {

    @TempDir
    Path dataDir;

    @Test
    void aPrivateKeysetIsRefusedAsThePublicKeyset() throws Exception {
        DemoKeys.ensure(dataDir);
        Path privateFile = DemoKeys.privateFile(dataDir);
        assertThatThrownBy(() -> KeysetFiles.readPublic(privateFile))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("holds private key material")
                .hasMessageNotContaining("\"value\"");
    }

    @Test
    void aBrokenFileIsRefusedWithAClearMessage() throws Exception {
        Path garbage = dataDir.resolve("garbage.json");
        Files.writeString(garbage, "{not json", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> KeysetFiles.readPublic(garbage))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("is not a valid Tink JSON public keyset");
        assertThatThrownBy(() -> KeysetFiles.readPublic(dataDir.resolve("missing.json")))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("cannot be read");
    }

    @Test
    void theDemoKeyPairIsCreatedOnceAndRoundTrips() throws Exception {
        Path publicFile = DemoKeys.ensure(dataDir);
        String firstJson = Files.readString(publicFile);
        assertThat(DemoKeys.ensure(dataDir)).isEqualTo(publicFile);
        assertThat(Files.readString(publicFile)).as("not regenerated").isEqualTo(firstJson);
        assertThat(Files.getPosixFilePermissions(DemoKeys.privateFile(dataDir)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        KeysetHandle publicKeyset = KeysetFiles.readPublic(publicFile);
        HybridEncrypt encrypt = publicKeyset.getPrimitive(HybridConfig2026.get(), HybridEncrypt.class);
        UUID id = UUID.randomUUID();
        byte[] ciphertext = encrypt.encrypt("hello".getBytes(StandardCharsets.UTF_8), Bindings.tip(id, 1));
        TipOpener opener = new TipOpener(KeysetFiles.readPrivate(DemoKeys.privateFile(dataDir)));
        assertThat(new String(opener.open(id, 1, ciphertext), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void secretMaterialIsDetectedByKeyMaterialType() throws Exception {
        DemoKeys.ensure(dataDir);
        assertThat(KeysetFiles.holdsSecretMaterial(Files.readString(DemoKeys.privateFile(dataDir)))).isTrue();
        assertThat(KeysetFiles.holdsSecretMaterial(Files.readString(dataDir.resolve("keys/office-public.json")))).isFalse();
    }

    @Test
    void conscryptIsRegisteredOnThisPlatform() {
        assertThat(CryptoProviders.install()).isTrue();
        assertThat(java.security.Security.getProvider("Conscrypt")).isNotNull();
    }
}
