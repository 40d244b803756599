package org.tipline.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipline.keys.KeysTesting.CHEAP;
import static org.tipline.keys.KeysTesting.NOV_25;
import static org.tipline.keys.KeysTesting.passphrase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.KeyLoadingException;
import org.tipline.crypto.OfficeKem;

/**
 * Anyone who can write the keyset file can edit it, but not unnoticed: every part of the
 * wrapper is bound to the encrypted keyset, so an edited file does not unlock.
 */
class TamperedKeysetTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final OfficeKeyCustody custody = new OfficeKeyCustody(NOV_25, () -> true);
    private Path keyset;

    @BeforeEach
    void twoKeys() throws Exception {
        keyset = dir.resolve("office-keyset.json");
        try (Passphrase passphrase = passphrase()) {
            custody.init(keyset, OfficeKem.X25519, passphrase, CHEAP);
        }
        try (Passphrase passphrase = passphrase()) {
            custody.rotate(keyset, OfficeKem.X25519, passphrase);
        }
    }

    private void edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(keyset.toFile());
        change.accept(root);
        Files.writeString(keyset, JSON.writeValueAsString(root));
    }

    private void assertDoesNotUnlock(String message) {
        try (Passphrase passphrase = passphrase()) {
            assertThatThrownBy(() -> custody.unlock(keyset, passphrase))
                    .isInstanceOf(KeyLoadingException.class)
                    .hasMessage(message)
                    .hasNoCause();
        }
    }

    private void assertWrongPassphraseOrDamaged() {
        assertDoesNotUnlock("the office keyset " + keyset + " cannot be unlocked: wrong passphrase or damaged file");
    }

    private static ObjectNode key(ObjectNode root, int index) {
        return (ObjectNode) root.get("keys").get(index);
    }

    @Test
    void theUntouchedFileUnlocks() throws Exception {
        try (Passphrase passphrase = passphrase()) {
            assertThat(custody.unlock(keyset, passphrase).size()).isEqualTo(2);
        }
        edit(root -> { });
        try (Passphrase passphrase = passphrase()) {
            assertThat(custody.unlock(keyset, passphrase).size()).as("re-indenting changes nothing").isEqualTo(2);
        }
    }

    @Test
    void anEditedCreationDate() throws Exception {
        edit(root -> key(root, 0).put("createdOn", "2020-01-01"));
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void aMovedPrimaryFlag() throws Exception {
        edit(root -> {
            key(root, 0).put("primary", true);
            key(root, 1).put("primary", false);
        });
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void anEditedKemName() throws Exception {
        edit(root -> key(root, 1).put("kem", "xwing"));
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void aRemovedKeyEntry() throws Exception {
        edit(root -> {
            ((ArrayNode) root.get("keys")).remove(0);
        });
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void anEditedKdfCost() throws Exception {
        edit(root -> ((ObjectNode) root.get("kek")).put("iterations", 2));
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void anEditedSalt() throws Exception {
        edit(root -> ((ObjectNode) root.get("kek")).put("salt", "AAAAAAAAAAAAAAAAAAAAAA=="));
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void anEditedCiphertext() throws Exception {
        edit(root -> {
            try {
                ObjectNode inner = (ObjectNode) JSON.readTree(root.get("encryptedKeyset").asText());
                String ciphertext = inner.get("encryptedKeyset").asText();
                int middle = ciphertext.length() / 2;
                char flipped = ciphertext.charAt(middle) == 'A' ? 'B' : 'A';
                inner.put("encryptedKeyset", ciphertext.substring(0, middle) + flipped + ciphertext.substring(middle + 1));
                root.put("encryptedKeyset", JSON.writeValueAsString(inner));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void aCiphertextFromAnotherKeysetFile() throws Exception {
        Path other = dir.resolve("other.json");
        try (Passphrase passphrase = passphrase()) {
            custody.init(other, OfficeKem.X25519, passphrase, CHEAP);
        }
        String foreign = JSON.readTree(other.toFile()).get("encryptedKeyset").asText();
        edit(root -> root.put("encryptedKeyset", foreign));
        assertWrongPassphraseOrDamaged();
    }

    @Test
    void anAddedField() throws Exception {
        edit(root -> root.put("note", "harmless?"));
        assertDoesNotUnlock("the office keyset " + keyset + " is damaged: the file has an unknown field");
    }

    @Test
    void aHugeMemoryCostIsRefusedBeforeAnyDerivation() throws Exception {
        edit(root -> ((ObjectNode) root.get("kek")).put("memoryKiB", Integer.MAX_VALUE));
        assertDoesNotUnlock("the office keyset " + keyset
                + " cannot be unlocked: Argon2id memory must be between 1024 and 4194304 KiB");
    }

    @Test
    void notJsonAtAll() throws Exception {
        Files.writeString(keyset, "{\"format\":");
        assertDoesNotUnlock("the office keyset " + keyset + " is damaged: it is not valid JSON");
    }

    @Test
    void anotherFormat() throws Exception {
        edit(root -> root.put("format", "tipline-office-keyset/2"));
        assertDoesNotUnlock("the office keyset " + keyset + " is not a tipline-office-keyset/1 file");
    }

    /** Existing keyset files unlock only while the header encodes to the same associated data. */
    @Test
    void theAssociatedDataStartsWithTheFormatName() throws Exception {
        byte[] associatedData = OfficeKeysetFile.read(keyset).associatedData();
        assertThat(new String(associatedData, StandardCharsets.UTF_8))
                .startsWith("{\"format\":\"tipline-office-keyset/1\",\"kek\":{\"iterations\":");
    }
}
