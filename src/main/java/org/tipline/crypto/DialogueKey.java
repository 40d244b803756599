package org.tipline.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.subtle.Random;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * A 256-bit AES-GCM key used through Tink's {@link Aead}: the per-tip dialogue key that
 * seals messages in both directions, and the keys that wrap it (one derived from the
 * tipster's passphrase, one from a tipster session token). Every use names its associated
 * data, so a ciphertext opens only in the place it was made for.
 */
public final class DialogueKey {

    public static final int SIZE_BYTES = 32;

    private static final AesGcmParameters PARAMETERS;

    static {
        try {
            PARAMETERS = AesGcmParameters.builder()
                    .setKeySizeBytes(SIZE_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final byte[] bytes;
    private final Aead aead;

    private DialogueKey(byte[] bytes) {
        if (bytes.length != SIZE_BYTES) {
            throw new IllegalArgumentException("a dialogue key has " + SIZE_BYTES + " bytes");
        }
        this.bytes = bytes.clone();
        try {
            this.aead = AesGcmJce.create(AesGcmKey.builder()
                    .setParameters(PARAMETERS)
                    .setKeyBytes(SecretBytes.copyFrom(bytes, InsecureSecretKeyAccess.get()))
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }

    /** A fresh key from the CSPRNG. */
    public static DialogueKey generate() {
        return new DialogueKey(Random.randBytes(SIZE_BYTES));
    }

    /** A key from its raw bytes, such as an unwrapped dialogue key. */
    public static DialogueKey of(byte[] bytes) {
        return new DialogueKey(bytes);
    }

    /** A key derived with HKDF-SHA256 from high-entropy input keying material, for one named purpose. */
    public static DialogueKey derive(byte[] inputKeyingMaterial, String purpose) {
        return new DialogueKey(hkdf(inputKeyingMaterial, purpose, SIZE_BYTES));
    }

    /** HKDF-SHA256 (RFC 5869) with an empty salt and the purpose as info. */
    public static byte[] hkdf(byte[] inputKeyingMaterial, String purpose, int length) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", inputKeyingMaterial, new byte[0],
                    purpose.getBytes(StandardCharsets.US_ASCII), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HKDF-SHA256 is not available", e);
        }
    }

    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    /** Throws {@link GeneralSecurityException} when the ciphertext was altered, moved or made under another key. */
    public byte[] open(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData);
    }

    /** The raw key, to be wrapped; the caller must not keep or log it. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Never the key itself. */
    @Override
    public String toString() {
        return "DialogueKey[redacted]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DialogueKey key && java.security.MessageDigest.isEqual(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
