package org.tipline.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.util.UUID;

/** Encrypts a tip to the office public key with HPKE, one fresh encapsulation per tip. */
@ApplicationScoped
public class TipSealer {

    private final OfficePublicKey officeKey;

    public TipSealer(OfficePublicKey officeKey) {
        this.officeKey = officeKey;
    }

    public SealedTip seal(UUID tipId, byte[] plaintext) {
        int version = TipBinding.FORMAT_VERSION;
        try {
            byte[] ciphertext = officeKey.encrypt().encrypt(plaintext, TipBinding.contextInfo(tipId, version));
            return new SealedTip(ciphertext, officeKey.primaryKeyId(), version);
        } catch (GeneralSecurityException e) {
            // Only a broken keyset gets here; the message names no input.
            throw new IllegalStateException("encryption to the office key failed", e);
        }
    }
}
