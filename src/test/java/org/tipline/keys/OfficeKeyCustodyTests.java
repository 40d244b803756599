package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipline.keys.KeysTesting.CHEAP;
import static org.tipline.keys.KeysTesting.DEC_02;
import static org.tipline.keys.KeysTesting.NOV_25;
import static org.tipline.keys.KeysTesting.passphrase;
import static org.tipline.keys.KeysTesting.seal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.crypto.TipOpener;

/** The office keyset file: created, unlocked, rotated, exported and listed. */
class OfficeKeyCustodyTests {

    @TempDir
    Path dir;

    private final OfficeKeyCustody custody = new OfficeKeyCustody(NOV_25, () -> true);

    private Path keyset() {
        return dir.resolve("keys").resolve("office-keyset.json");
    }

    private OfficeKeysetStatus init(OfficeKem kem) throws Exception {
        try (Passphrase passphrase = passphrase()) {
            return custody.init(keyset(), kem, passphrase, CHEAP);
        }
    }

    private KeysetHandle unlock() throws Exception {
        try (Passphrase passphrase = passphrase()) {
            return custody.unlock(keyset(), passphrase);
        }
    }

    private KeysetHandle exportedPublic() throws Exception {
        Path out = dir.resolve("office-public.json");
        try (Passphrase passphrase = passphrase()) {
            custody.exportPublic(keyset(), passphrase, out);
        }
        return KeysetFiles.readPublic(out);
    }

    @Test
    void aTipSealedToTheExportedPublicKeysetOpensWithTheUnlockedKeyset() throws Exception {
        for (OfficeKem kem : OfficeKem.values()) {
            Files.deleteIfExists(keyset());
            OfficeKeysetStatus created = init(kem);
            assertThat(created.keys()).singleElement().satisfies(key -> {
                assertThat(key.kem()).isEqualTo(kem);
                assertThat(key.primary()).isTrue();
                assertThat(key.createdOn()).isEqualTo(LocalDate.of(2026, 11, 25));
            });

            KeysTesting.Sealed tip = seal(exportedPublic(), "a " + kem + " tip");
            assertThat(tip.keyId()).isEqualTo(created.primary().keyId());
            TipOpener opener = new TipOpener(unlock());
            assertThat(opener.open(tip.tipId(), 1, tip.ciphertext())).isEqualTo(tip.plaintext());
        }
    }

    @Test
    void theDefaultKemIsXWing() {
        assertThat(OfficeKeyCustody.defaultKem()).isEqualTo(OfficeKem.XWING);
    }

    @Test
    void aWrongPassphraseGivesOneClearLine() throws Exception {
        init(OfficeKem.X25519);
        try (Passphrase wrong = passphrase("correct horse battery stapler")) {
            assertThatThrownBy(() -> custody.unlock(keyset(), wrong))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset() + " cannot be unlocked: wrong passphrase or damaged file")
                    .hasNoCause();
        }
    }

    @Test
    void theKeysetFileHoldsNoPrivateKeyMaterialInClear() throws Exception {
        init(OfficeKem.X25519);
        try (Passphrase passphrase = passphrase()) {
            custody.rotate(keyset(), OfficeKem.XWING, passphrase);
        }
        String file = Files.readString(keyset());
        assertThat(file).doesNotContain("ASYMMETRIC_PRIVATE").doesNotContain("\"value\"")
                .doesNotContain("\"keyData\"").doesNotContain(KeysTesting.PASSPHRASE);

        KeysetHandle unlocked = unlock();
        for (int i = 0; i < unlocked.size(); i++) {
            byte[] secret = ((HpkePrivateKey) unlocked.getAt(i).getKey()).getPrivateKeyBytes()
                    .toByteArray(InsecureSecretKeyAccess.get());
            assertThat(file).doesNotContain(Base64.getEncoder().encodeToString(secret))
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(secret));
        }
        assertThat(Files.getPosixFilePermissions(keyset()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(keyset().getParent()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE);
        try (var files = Files.list(keyset().getParent())) {
            assertThat(files).as("no temporary file is left behind").containsExactly(keyset());
        }
    }

    @Test
    void afterRotationOldTipsStillOpenAndNewTipsCarryTheNewPrimaryKeyId() throws Exception {
        long firstId = init(OfficeKem.X25519).primary().keyId();
        KeysTesting.Sealed before = seal(exportedPublic(), "before rotation");
        assertThat(before.keyId()).isEqualTo(firstId);

        OfficeKeysetStatus rotated;
        try (Passphrase passphrase = passphrase()) {
            rotated = new OfficeKeyCustody(DEC_02, () -> true).rotate(keyset(), OfficeKem.X25519, passphrase);
        }
        long secondId = rotated.primary().keyId();
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(rotated.keys()).extracting(OfficeKeyInfo::keyId).containsExactly(firstId, secondId);

        KeysTesting.Sealed after = seal(exportedPublic(), "after rotation");
        assertThat(after.keyId()).isEqualTo(secondId);
        TipOpener opener = new TipOpener(unlock());
        assertThat(opener.open(before.tipId(), 1, before.ciphertext())).isEqualTo(before.plaintext());
        assertThat(opener.open(after.tipId(), 1, after.ciphertext())).isEqualTo(after.plaintext());
    }

    @Test
    void aKeysetMayMixX25519AndXWingKeys() throws Exception {
        init(OfficeKem.X25519);
        KeysTesting.Sealed classical = seal(exportedPublic(), "tip number 1");
        OfficeKeysetStatus mixed;
        try (Passphrase passphrase = passphrase()) {
            mixed = custody.rotate(keyset(), OfficeKem.XWING, passphrase);
        }
        assertThat(mixed.keys()).extracting(OfficeKeyInfo::kem).containsExactly(OfficeKem.X25519, OfficeKem.XWING);
        KeysTesting.Sealed postQuantum = seal(exportedPublic(), "tip number 2");
        assertThat(postQuantum.keyId()).isEqualTo(mixed.primary().keyId());
        assertThat(postQuantum.ciphertext().length).as("an X-Wing encapsulation is 1,088 bytes longer")
                .isEqualTo(classical.ciphertext().length + 1_088);

        TipOpener opener = new TipOpener(unlock());
        assertThat(opener.open(classical.tipId(), 1, classical.ciphertext())).isEqualTo(classical.plaintext());
        assertThat(opener.open(postQuantum.tipId(), 1, postQuantum.ciphertext())).isEqualTo(postQuantum.plaintext());
    }

    @Test
    void theExportedPublicKeysetIsWhatIntakeAcceptsAndIntakeStillRefusesPrivateKeys() throws Exception {
        init(OfficeKem.XWING);
        Path out = dir.resolve("public").resolve("office-public.json");
        try (Passphrase passphrase = passphrase()) {
            custody.exportPublic(keyset(), passphrase, out);
        }
        KeysetHandle publicKeyset = KeysetFiles.readPublic(out);
        assertThat(Integer.toUnsignedLong(publicKeyset.getPrimary().getId()))
                .isEqualTo(custody.status(keyset()).primary().keyId());
        assertThat(Files.readString(out)).contains("ASYMMETRIC_PUBLIC").doesNotContain("ASYMMETRIC_PRIVATE");
        assertThat(Files.getPosixFilePermissions(out)).contains(PosixFilePermission.OTHERS_READ)
                .doesNotContain(PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);

        Path clearPrivate = dir.resolve("clear-private.json");
        Files.writeString(clearPrivate, TinkJsonProtoKeysetFormat.serializeKeyset(
                unlock(), HybridConfig2026.get(), InsecureSecretKeyAccess.get()));
        assertThatThrownBy(() -> KeysetFiles.readPublic(clearPrivate))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("holds private key material");
        assertThatThrownBy(() -> KeysetFiles.readPublic(keyset()))
                .as("the encrypted keyset file is no public keyset either")
                .isInstanceOf(KeyLoadingException.class);
    }

    @Test
    void exportPublicNeverOverwritesTheKeysetItself() throws Exception {
        init(OfficeKem.X25519);
        String before = Files.readString(keyset());
        Path sameFile = dir.resolve("keys").resolve(".").resolve("office-keyset.json");
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> custody.exportPublic(keyset(), passphrase, sameFile))
                    .isInstanceOf(KeyCustodyException.class)
                    .hasMessageContaining("would overwrite the office keyset");
        }
        assertThat(Files.readString(keyset())).isEqualTo(before);
    }

    @Test
    void statusListsTheKeysWithoutThePassphrase() throws Exception {
        long first = init(OfficeKem.X25519).primary().keyId();
        long second;
        try (Passphrase passphrase = passphrase()) {
            second = new OfficeKeyCustody(DEC_02, () -> true).rotate(keyset(), OfficeKem.XWING, passphrase)
                    .primary().keyId();
        }
        OfficeKeysetStatus status = custody.status(keyset());
        assertThat(status.keys()).containsExactly(
                new OfficeKeyInfo(first, OfficeKem.X25519, LocalDate.of(2026, 11, 25), false),
                new OfficeKeyInfo(second, OfficeKem.XWING, LocalDate.of(2026, 12, 2), true));
        assertThat(status.kek()).isEqualTo("passphrase (argon2id, 1024 KiB, 1 iterations, parallelism 1)");
        assertThat(exportedPublic().getPrimary().getId()).isEqualTo((int) second);
    }

    @Test
    void initNeverOverwritesAKeyset() throws Exception {
        init(OfficeKem.X25519);
        String before = Files.readString(keyset());
        assertThatThrownBy(() -> init(OfficeKem.X25519))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readString(keyset())).isEqualTo(before);
    }

    @Test
    void initRefusesAShortPassphrase() {
        try (Passphrase short11 = passphrase("elevenchars")) {
            assertThatThrownBy(() -> custody.init(keyset(), OfficeKem.X25519, short11, CHEAP))
                    .isInstanceOf(KeyCustodyException.class)
                    .hasMessageContaining("at least 12 characters");
        }
        assertThat(keyset()).doesNotExist();
    }

    @Test
    void xWingIsRefusedClearlyWhereConscryptCannotLoad() throws Exception {
        OfficeKeyCustody withoutConscrypt = new OfficeKeyCustody(NOV_25, () -> false);
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> withoutConscrypt.init(keyset(), OfficeKem.XWING, passphrase, CHEAP))
                    .isInstanceOf(KeyCustodyException.class)
                    .hasMessageContaining("Conscrypt")
                    .hasMessageContaining("--kem x25519");
        }
        assertThat(keyset()).doesNotExist();

        init(OfficeKem.XWING);
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> withoutConscrypt.unlock(keyset(), passphrase))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessageContaining("holds X-Wing keys, which need Conscrypt");
        }
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> withoutConscrypt.rotate(keyset(), OfficeKem.XWING, passphrase))
                    .isInstanceOf(KeyCustodyException.class).hasMessageContaining("Conscrypt");
        }
    }

    @Test
    void aMissingFileIsNamed() {
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> custody.unlock(keyset(), passphrase))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage("the office keyset " + keyset() + " does not exist (create one with keys init)");
        }
        assertThatThrownBy(() -> custody.status(keyset())).isInstanceOf(KeyLoadingException.class);
    }

    @Test
    void unlockingCreatesNothingAndChangesNothing() throws Exception {
        init(OfficeKem.X25519);
        String before = Files.readString(keyset(), StandardCharsets.UTF_8);
        unlock();
        exportedPublic();
        assertThat(Files.readString(keyset(), StandardCharsets.UTF_8)).isEqualTo(before);
        try (var files = Files.list(keyset().getParent())) {
            assertThat(files.toList()).isEqualTo(List.of(keyset()));
        }
    }
}
