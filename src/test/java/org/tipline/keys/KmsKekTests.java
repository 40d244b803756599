package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipline.keys.KeysTesting.CHEAP;
import static org.tipline.keys.KeysTesting.NOV_25;
import static org.tipline.keys.KeysTesting.passphrase;
import static org.tipline.keys.KeysTesting.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.KeysetHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.OfficeKem;
import org.tipline.crypto.TipOpener;

/** A keyset encrypted under a key held in a KMS: here a fake one, registered in Tink's KmsClients. */
class KmsKekTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final OfficeKeyCustody custody = new OfficeKeyCustody(NOV_25, () -> true);
    private final KmsAccess kms = KmsAccess.defaultCredentials();
    private FakeKms fake;
    private String keyUri;
    private Path keyset;

    @BeforeEach
    void setUp() {
        fake = FakeKms.install();
        keyUri = FakeKms.newKeyUri();
        keyset = dir.resolve("keys").resolve("office-keyset.json");
    }

    private OfficeKeysetStatus init(OfficeKem kem) throws Exception {
        return custody.init(keyset, kem, new KmsKeyUri(keyUri), kms);
    }

    private KeysetHandle unlock() throws Exception {
        return custody.unlock(keyset, KmsKek.source(kms));
    }

    private void edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(keyset.toFile());
        change.accept(root);
        Files.writeString(keyset, JSON.writeValueAsString(root));
    }

    private void assertDoesNotUnlock(String reason) {
        assertThatThrownBy(this::unlock)
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("the office keyset " + keyset + " cannot be unlocked: " + reason)
                .hasNoCause();
    }

    @Test
    void initUnlockRotateAndExportWithoutAnyPassphrase() throws Exception {
        OfficeKeysetStatus created = init(OfficeKem.XWING);
        assertThat(created.kmsHeld()).isTrue();
        assertThat(created.kek()).isEqualTo("KMS key " + keyUri);

        JsonNode file = JSON.readTree(keyset.toFile());
        assertThat(file.get("kek")).isEqualTo(JSON.createObjectNode().put("kind", "kms").put("keyUri", keyUri));
        OfficeKeysetStatus status = custody.status(keyset);
        assertThat(status.kekKind()).isEqualTo("kms");
        assertThat(status.kek()).isEqualTo("KMS key " + keyUri);
        assertThat(status.keys()).isEqualTo(created.keys());

        Path publicFile = dir.resolve("office-public.json");
        custody.exportPublic(keyset, KmsKek.source(kms), publicFile);
        KeysTesting.Sealed before = seal(KeysetFiles.readPublic(publicFile), "before rotation");

        OfficeKeysetStatus rotated = custody.rotate(keyset, OfficeKem.X25519, KmsKek.source(kms));
        assertThat(rotated.keys()).hasSize(2);
        assertThat(rotated.kek()).isEqualTo("KMS key " + keyUri);
        assertThat(custody.publicKeysetJson(keyset, KmsKek.source(kms))).contains(
                String.valueOf(rotated.primary().keyId()));
        custody.exportPublic(keyset, KmsKek.source(kms), publicFile);
        KeysTesting.Sealed after = seal(KeysetFiles.readPublic(publicFile), "after rotation");
        assertThat(after.keyId()).isEqualTo(rotated.primary().keyId());

        TipOpener opener = new TipOpener(unlock());
        assertThat(opener.open(before.tipId(), 1, before.ciphertext())).isEqualTo(before.plaintext());
        assertThat(opener.open(after.tipId(), 1, after.ciphertext())).isEqualTo(after.plaintext());
    }

    @Test
    void theKmsSeesOnlyTheDataKeyAndEachUnlockIsOneCall() throws Exception {
        init(OfficeKem.XWING);
        for (int i = 0; i < 3; i++) {
            custody.rotate(keyset, OfficeKem.XWING, KmsKek.source(kms));
        }
        assertThat(Files.size(keyset)).as("four X-Wing keys: more than AWS KMS encrypts directly").isGreaterThan(4_096);
        assertThat(fake.calls(keyUri)).allSatisfy(call -> {
            assertThat(call.associatedDataBytes()).as("the file's header stays out of the KMS").isZero();
            if (call.operation().equals("encrypt")) {
                assertThat(call.inputBytes()).as("only the data key (32 bytes, serialized) goes to the KMS")
                        .isLessThanOrEqualTo(40);
            }
        });
        int before = fake.calls(keyUri).size();
        unlock();
        assertThat(fake.calls(keyUri)).as("one unlock, one KMS call: one line in the KMS's audit log")
                .hasSize(before + 1).last().extracting(FakeKms.Call::operation).isEqualTo("decrypt");
    }

    @Test
    void theFileHoldsNoKeyMaterialInClear() throws Exception {
        init(OfficeKem.X25519);
        String file = Files.readString(keyset);
        assertThat(file).doesNotContain("ASYMMETRIC_PRIVATE").doesNotContain("\"value\"").doesNotContain("\"keyData\"");
    }

    @Test
    void aKeysetMadeUnderOneKmsKeyDoesNotUnlockUnderAnother() throws Exception {
        init(OfficeKem.X25519);
        String other = FakeKms.newKeyUri();
        edit(root -> ((ObjectNode) root.get("kek")).put("keyUri", other));
        assertDoesNotUnlock("the KMS key " + other + " is not reachable or refused (GeneralSecurityException)");
    }

    @Test
    void aKmsKeyDestroyedAndMadeAgainUnderTheSameUriOpensNothing() throws Exception {
        init(OfficeKem.X25519);
        fake.replaceKey(keyUri);
        assertDoesNotUnlock("the KMS key " + keyUri + " is not reachable or refused (GeneralSecurityException)");
    }

    @Test
    void aTamperedWrapperFails() throws Exception {
        init(OfficeKem.X25519);
        String damaged = "damaged file (it does not verify under the KMS key " + keyUri + ")";
        edit(root -> ((ObjectNode) root.get("keys").get(0)).put("createdOn", "2020-01-01"));
        assertDoesNotUnlock(damaged);

        Files.delete(keyset);
        init(OfficeKem.X25519);
        edit(root -> {
            try {
                ObjectNode inner = (ObjectNode) JSON.readTree(root.get("encryptedKeyset").asText());
                String ciphertext = inner.get("encryptedKeyset").asText();
                int end = ciphertext.length() - 8;
                char flipped = ciphertext.charAt(end) == 'A' ? 'B' : 'A';
                inner.put("encryptedKeyset", ciphertext.substring(0, end) + flipped + ciphertext.substring(end + 1));
                root.put("encryptedKeyset", JSON.writeValueAsString(inner));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertDoesNotUnlock(damaged);
    }

    @Test
    void anEditedKekDescriptionIsRefusedBeforeAnyKmsCall() throws Exception {
        init(OfficeKem.X25519);
        String original = Files.readString(keyset);
        edit(root -> ((ObjectNode) root.get("kek")).put("region", "elsewhere"));
        assertDoesNotUnlock("the kek description has an unknown field");

        Files.writeString(keyset, original);
        edit(root -> ((ObjectNode) root.get("kek")).put("keyUri", keyUri + "\ninjected line"));
        assertDoesNotUnlock("the kek keyUri is not a KMS key URI");
        assertThat(custody.status(keyset).kek()).isEqualTo("KMS key (its URI in the file is not valid)");

        Files.writeString(keyset, original);
        edit(root -> ((ObjectNode) root.get("kek")).remove("keyUri"));
        assertDoesNotUnlock("the kek description has no keyUri");
    }

    @Test
    void aKmsThatRefusesOrCannotBeReachedIsOneLineThatNamesTheKey() throws Exception {
        init(OfficeKem.X25519);
        fake.mode(keyUri, FakeKms.Mode.REFUSE);
        assertDoesNotUnlock("the KMS key " + keyUri + " is not reachable or refused (SecurityException)");
        fake.mode(keyUri, FakeKms.Mode.UNREACHABLE);
        assertDoesNotUnlock("the KMS key " + keyUri + " is not reachable or refused (ConnectException)");
        assertThatThrownBy(() -> custody.rotate(keyset, OfficeKem.X25519, KmsKek.source(kms)))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageEndingWith("is not reachable or refused (ConnectException)");
        fake.mode(keyUri, FakeKms.Mode.ANSWER);
        assertThat(unlock().size()).as("rotate changed nothing").isEqualTo(1);
    }

    @Test
    void initWritesNothingWhenTheKmsRefuses() throws Exception {
        fake.mode(keyUri, FakeKms.Mode.REFUSE);
        assertThatThrownBy(() -> init(OfficeKem.X25519))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessage("the office keyset could not be encrypted: the KMS key " + keyUri
                        + " is not reachable or refused (SecurityException); nothing was written");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void initWritesNothingWhenTheKmsEncryptsButWillNotDecrypt() throws Exception {
        fake.mode(keyUri, FakeKms.Mode.REFUSE_DECRYPT);
        assertThatThrownBy(() -> init(OfficeKem.X25519))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessage("the encrypted office keyset does not decrypt again: the KMS key " + keyUri
                        + " is not reachable or refused (SecurityException); nothing was written");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void aKeyUriNoIntegrationServesIsRefusedClearly() {
        assertThatThrownBy(() -> custody.init(keyset, OfficeKem.X25519,
                new KmsKeyUri("hcvault://vault.example:8200/transit/keys/office"), kms))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessage("tipline has no KMS integration for hcvault:// keys; it reaches aws-kms:// (AWS KMS) "
                        + "and gcp-kms:// (Google Cloud KMS)");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void keyUrisAreOnePrintableLine() {
        for (String bad : new String[] {"", "aws-kms://", "no scheme", "aws-kms://a b", "aws-kms://a\nb",
                "AWS-KMS://x", "aws-kms://" + "x".repeat(KmsKeyUri.MAX_LENGTH)}) {
            assertThatThrownBy(() -> new KmsKeyUri(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a KMS key URI is one line");
        }
        assertThat(new KmsKeyUri("gcp-kms://projects/p/locations/global/keyRings/r/cryptoKeys/k").scheme())
                .isEqualTo("gcp-kms");
    }

    @Test
    void rewrapMovesTheSameKeysBetweenPassphraseAndKmsKeys() throws Exception {
        try (Passphrase passphrase = passphrase()) {
            custody.init(keyset, OfficeKem.X25519, passphrase, CHEAP);
        }
        List<OfficeKeyInfo> keys = custody.status(keyset).keys();
        String publicBefore;
        try (Passphrase passphrase = passphrase()) {
            publicBefore = custody.publicKeysetJson(keyset, passphrase);
        }
        Path oldCopy = Files.copy(keyset, dir.resolve("old-copy.json"));

        OfficeKeysetStatus moved;
        try (Passphrase passphrase = passphrase()) {
            moved = custody.rewrap(keyset, PassphraseKek.source(passphrase),
                    () -> OfficeKeyCustody.kmsKek(new KmsKeyUri(keyUri), kms));
        }
        assertThat(moved.kek()).isEqualTo("KMS key " + keyUri);
        assertThat(moved.keys()).isEqualTo(keys);
        assertThat(custody.publicKeysetJson(keyset, KmsKek.source(kms))).isEqualTo(publicBefore);
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> custody.unlock(keyset, passphrase)).isInstanceOf(KeyLoadingException.class)
                    .hasMessageContaining("not encrypted under a passphrase");
            assertThat(custody.unlock(oldCopy, passphrase).size()).as("an old copy still opens with the passphrase")
                    .isEqualTo(1);
        }

        String second = FakeKms.newKeyUri();
        custody.rewrap(keyset, KmsKek.source(kms), () -> OfficeKeyCustody.kmsKek(new KmsKeyUri(second), kms));
        assertThat(custody.status(keyset).kek()).isEqualTo("KMS key " + second);
        fake.mode(keyUri, FakeKms.Mode.REFUSE);
        assertThat(unlock().size()).as("the first KMS key is no longer needed").isEqualTo(1);

        OfficeKeysetStatus back = custody.rewrap(keyset, KmsKek.source(kms), () -> {
            try (Passphrase next = passphrase("a new office passphrase")) {
                return OfficeKeyCustody.passphraseKek(next, CHEAP);
            }
        });
        assertThat(back.kmsHeld()).isFalse();
        try (Passphrase next = passphrase("a new office passphrase")) {
            assertThat(custody.publicKeysetJson(keyset, next)).isEqualTo(publicBefore);
        }
    }

    @Test
    void rewrapLeavesTheFileAloneWhenTheNewKmsKeyRefuses() throws Exception {
        init(OfficeKem.X25519);
        String before = Files.readString(keyset);
        String refusing = FakeKms.newKeyUri();
        fake.mode(refusing, FakeKms.Mode.REFUSE_DECRYPT);
        assertThatThrownBy(() -> custody.rewrap(keyset, KmsKek.source(kms),
                () -> OfficeKeyCustody.kmsKek(new KmsKeyUri(refusing), kms)))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessageContaining("does not decrypt again").hasMessageEndingWith("nothing was written");
        assertThat(Files.readString(keyset)).isEqualTo(before);
    }

    @Test
    void rewrapToAShortPassphraseIsRefusedAndChangesNothing() throws Exception {
        init(OfficeKem.X25519);
        String before = Files.readString(keyset);
        assertThatThrownBy(() -> custody.rewrap(keyset, KmsKek.source(kms), () -> {
            try (Passphrase next = passphrase("short")) {
                return OfficeKeyCustody.passphraseKek(next, CHEAP);
            }
        })).isInstanceOf(KeyCustodyException.class).hasMessageContaining("at least 12 characters");
        assertThat(Files.readString(keyset)).isEqualTo(before);
    }

    @Test
    void atStartAKmsKeysetNeedsNoPassphraseFileAndAPassphraseKeysetDoes() throws Exception {
        init(OfficeKem.X25519);
        Optional<String> trusted = Optional.of(keyUri.toString());
        assertThat(custody.unlockAtStart(keyset, Optional.empty(), trusted, kms).size()).isEqualTo(1);
        assertThat(custody.unlockAtStart(keyset, Optional.of(dir.resolve("no-such-passphrase-file")), trusted, kms)
                .size()).as("a passphrase file left over from before is not read").isEqualTo(1);

        Path passphraseKeyset = dir.resolve("passphrase-keyset.json");
        try (Passphrase passphrase = passphrase()) {
            custody.init(passphraseKeyset, OfficeKem.X25519, passphrase, CHEAP);
        }
        assertThatThrownBy(() -> custody.unlockAtStart(passphraseKeyset, Optional.empty(), Optional.empty(), kms))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("the office keyset " + passphraseKeyset
                        + " needs its passphrase: set TIPLINE_OFFICE_KEY_PASSPHRASE_FILE");
        Path passphraseFile = Files.writeString(dir.resolve("passphrase"), KeysTesting.PASSPHRASE + "\n");
        assertThat(custody.unlockAtStart(passphraseKeyset, Optional.of(passphraseFile), Optional.empty(), kms).size())
                .isEqualTo(1);

        edit(root -> ((ObjectNode) root.get("kek")).put("kind", "hsm"));
        assertThatThrownBy(() -> custody.unlockAtStart(keyset, Optional.empty(), Optional.empty(), kms))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("the office keyset " + keyset + " cannot be unlocked: its key-encryption key is of a kind "
                        + "this version does not know (hsm)");
    }

    @Test
    void atStartTheKmsKeyMustBeTheOneTheOperatorTrusts() throws Exception {
        init(OfficeKem.X25519);
        assertThatThrownBy(() -> custody.unlockAtStart(keyset, Optional.empty(), Optional.empty(), kms))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("which TIPLINE_OFFICE_KMS_KEY_URI does not name");
        String other = FakeKms.newKeyUri().toString();
        assertThatThrownBy(() -> custody.unlockAtStart(keyset, Optional.empty(), Optional.of(other), kms))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("which TIPLINE_OFFICE_KMS_KEY_URI does not name");

        Path passphraseKeyset = dir.resolve("passphrase-keyset.json");
        try (Passphrase passphrase = passphrase()) {
            custody.init(passphraseKeyset, OfficeKem.X25519, passphrase, CHEAP);
        }
        Path passphraseFile = Files.writeString(dir.resolve("passphrase"), KeysTesting.PASSPHRASE + "\n");
        assertThatThrownBy(() -> custody.unlockAtStart(passphraseKeyset, Optional.of(passphraseFile),
                Optional.of(keyUri.toString()), kms))
                .as("a keyset swapped for a passphrase one is refused where a KMS key is expected")
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("is not held under the KMS key");
    }

    @Test
    void anUnreadableCredentialsFileIsNamed() throws Exception {
        Path missing = dir.resolve("no-such-credentials.json");
        KmsAccess withFile = new KmsAccess(Optional.of(missing));
        String awsUri = "aws-kms://arn:aws:kms:eu-west-1:111122223333:key/" + java.util.UUID.randomUUID();
        assertThatThrownBy(() -> custody.init(keyset, OfficeKem.X25519, new KmsKeyUri(awsUri), withFile))
                .isInstanceOf(KeyCustodyException.class)
                .hasMessage("the KMS credentials file " + missing + " cannot be read");
        assertThat(keyset).doesNotExist();
    }
}
