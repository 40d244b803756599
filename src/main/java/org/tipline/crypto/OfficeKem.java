package org.tipline.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import java.security.GeneralSecurityException;
import java.util.Locale;

/** The HPKE key-encapsulation choices for the office key pair. */
public enum OfficeKem {

    /** DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. Works on every platform. */
    X25519,

    /** X-Wing (X25519 + ML-KEM-768, post-quantum hybrid), ChaCha20-Poly1305. Needs Conscrypt. */
    XWING;

    public HpkeParameters parameters() {
        try {
            return switch (this) {
                case X25519 -> HpkeParameters.builder()
                        .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                        .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                        .setAeadId(HpkeParameters.AeadId.AES_256_GCM)
                        .setVariant(HpkeParameters.Variant.TINK)
                        .build();
                case XWING -> PredefinedHybridParameters.HPKE_XWING_HKDF_SHA256_CHACHA20_POLY1305;
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink rejected fixed HPKE parameters", e);
        }
    }

    /** The KEM of a key with these parameters, or null when it is not one tipline creates. */
    public static OfficeKem of(Parameters parameters) {
        for (OfficeKem kem : values()) {
            if (parameters.equals(kem.parameters())) {
                return kem;
            }
        }
        return null;
    }

    /** The length of the HPKE encapsulation ({@code enc}) in each ciphertext to a key of this KEM. */
    public int encapsulationBytes() {
        return this == X25519 ? 32 : 1_120;
    }

    /**
     * What a ciphertext to a key of this KEM adds to its plaintext: Tink's 5-byte prefix, the
     * encapsulation and the 16-byte AEAD tag.
     */
    public int ciphertextOverhead() {
        return 5 + encapsulationBytes() + 16;
    }

    /** The name in keyset files, on the command line and in the log: {@code x25519} or {@code xwing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
