package org.tipline.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;
import org.tipline.crypto.Argon2id;

/**
 * A key-encryption key derived from an operator passphrase: Argon2id (version 0x13) over
 * the passphrase with a random salt gives 32 bytes, which become a Tink AES-256-GCM key.
 * BouncyCastle does only the Argon2id step; the encryption itself is Tink's.
 *
 * <p>The passphrase is not kept: it is read once during the derivation. The derived bytes
 * are overwritten as soon as Tink holds the key. Tink's own copy inside the {@code Aead}
 * cannot be erased from Java and lives until it is garbage collected.
 */
public final class PassphraseKek implements KeyEncryptionKey {

    public static final String KIND = "argon2id";
    static final int SALT_BYTES = 16;
    private static final int MAX_SALT_BYTES = 64;
    private static final int KEY_BYTES = 32;
    private static final Set<String> FIELDS = Set.of("kind", "salt", "memoryKiB", "iterations", "parallelism");
    private static final Configuration AEAD_CONFIG = AeadConfig2026.get();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final Argon2idParameters parameters;
    private final Aead aead;

    private PassphraseKek(byte[] salt, Argon2idParameters parameters, Aead aead) {
        this.salt = salt.clone();
        this.parameters = parameters;
        this.aead = aead;
    }

    /** A new key-encryption key with a fresh random salt, for a new keyset file. */
    public static PassphraseKek create(Passphrase passphrase, Argon2idParameters parameters)
            throws GeneralSecurityException {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return derive(passphrase, parameters, salt);
    }

    /** Derives the key that an {@code argon2id} description names, from this passphrase. */
    public static KeyEncryptionKeySource source(Passphrase passphrase) {
        return description -> {
            if (!KIND.equals(description.path("kind").asText())) {
                throw new IllegalArgumentException("the keyset is not encrypted under a passphrase (kek kind "
                        + "is not " + KIND + ")");
            }
            for (Iterator<String> names = description.fieldNames(); names.hasNext(); ) {
                if (!FIELDS.contains(names.next())) {
                    throw new IllegalArgumentException("the kek description has an unknown field");
                }
            }
            byte[] salt;
            try {
                salt = Base64.getDecoder().decode(description.path("salt").asText(""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the kek salt is not base64");
            }
            if (salt.length < SALT_BYTES || salt.length > MAX_SALT_BYTES) {
                throw new IllegalArgumentException("the kek salt must be " + SALT_BYTES + " to " + MAX_SALT_BYTES
                        + " bytes");
            }
            Argon2idParameters parameters = new Argon2idParameters(
                    intField(description, "memoryKiB"), intField(description, "iterations"),
                    intField(description, "parallelism"));
            return derive(passphrase, parameters, salt);
        };
    }

    static PassphraseKek derive(Passphrase passphrase, Argon2idParameters parameters, byte[] salt)
            throws GeneralSecurityException {
        byte[] password = passphrase.utf8();
        byte[] key = new byte[KEY_BYTES];
        try {
            Argon2id.derive(password, salt, parameters.memoryKiB(), parameters.iterations(), parameters.parallelism(),
                    key);
            AesGcmKey aesKey = AesGcmKey.builder()
                    .setParameters(AesGcmParameters.builder()
                            .setKeySizeBytes(KEY_BYTES)
                            .setIvSizeBytes(12)
                            .setTagSizeBytes(16)
                            .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                            .build())
                    .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                    .build();
            Aead aead = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.importKey(aesKey).withRandomId().makePrimary())
                    .setConfiguration(AEAD_CONFIG)
                    .build()
                    .getPrimitive(AEAD_CONFIG, Aead.class);
            return new PassphraseKek(salt, parameters, aead);
        } finally {
            Arrays.fill(password, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    public Argon2idParameters parameters() {
        return parameters;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public ObjectNode describe() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", KIND);
        node.put("salt", Base64.getEncoder().encodeToString(salt));
        node.put("memoryKiB", parameters.memoryKiB());
        node.put("iterations", parameters.iterations());
        node.put("parallelism", parameters.parallelism());
        return node;
    }

    @Override
    public Aead aead() {
        return aead;
    }

    @Override
    public String unlockFailureHint() {
        return "wrong passphrase or damaged file";
    }

    @Override
    public String toString() {
        return "PassphraseKek[" + KIND + ", " + parameters + "]";
    }

    private static int intField(JsonNode description, String name) {
        JsonNode value = description.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException("the kek field " + name + " must be an integer");
        }
        return value.intValue();
    }
}
