package org.tipline.crypto;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.hybrid.HybridConfig2026;
import java.security.GeneralSecurityException;
import java.util.UUID;

/** Decrypts tips with the office private keyset. Only the office (review) side holds one. */
public final class TipOpener {

    private final HybridDecrypt decrypt;

    public TipOpener(KeysetHandle privateKeyset) throws GeneralSecurityException {
        CryptoProviders.install();
        this.decrypt = privateKeyset.getPrimitive(HybridConfig2026.get(), HybridDecrypt.class);
    }

    /** The plaintext, or a {@link GeneralSecurityException} if the ciphertext is not this tip's. */
    public byte[] open(UUID tipId, int formatVersion, byte[] ciphertext) throws GeneralSecurityException {
        return decrypt.decrypt(ciphertext, Bindings.tip(tipId, formatVersion));
    }
}
