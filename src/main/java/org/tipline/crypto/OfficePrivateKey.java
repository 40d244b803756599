package org.tipline.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.security.GeneralSecurityException;

/**
 * The office private keyset in memory, held only by the review side (and the all-in-one
 * default); {@code keys/} decides whether a role holds it and unlocks it. The keyset stays in
 * memory only; it is never written to the database or a log.
 */
public final class OfficePrivateKey {

    private final KeysetHandle keyset;
    private final HybridDecrypt decrypt;

    public OfficePrivateKey(KeysetHandle keyset) throws GeneralSecurityException {
        CryptoProviders.install();
        this.keyset = keyset;
        this.decrypt = keyset.getPrimitive(HybridConfig2026.get(), HybridDecrypt.class);
    }

    /** Decrypts a ciphertext sealed to any key of the office keyset with this {@code contextInfo}. */
    public byte[] open(byte[] ciphertext, byte[] contextInfo) throws GeneralSecurityException {
        return decrypt.decrypt(ciphertext, contextInfo);
    }

    /** The keyset itself, for deriving its public half. */
    public KeysetHandle keyset() {
        return keyset;
    }
}
