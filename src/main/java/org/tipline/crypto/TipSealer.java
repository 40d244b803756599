package org.tipline.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Encrypts a tip to the office public key with HPKE, one fresh encapsulation per tip.
 * The JSON plaintext is first padded with trailing spaces (insignificant in JSON) to a
 * multiple of {@link #PADDING_BLOCK} bytes, so a ciphertext's length tells only a coarse size.
 */
@ApplicationScoped
public class TipSealer {

    public static final int PADDING_BLOCK = 256;

    private final OfficePublicKey officeKey;

    public TipSealer(OfficePublicKey officeKey) {
        this.officeKey = officeKey;
    }

    public SealedTip seal(UUID tipId, byte[] json) {
        int version = TipBinding.FORMAT_VERSION;
        OfficePublicKey.SealedBytes sealed = officeKey.seal(padded(json), TipBinding.contextInfo(tipId, version));
        return new SealedTip(sealed.ciphertext(), sealed.keyId(), version);
    }

    static byte[] padded(byte[] json) {
        int length = (json.length / PADDING_BLOCK + 1) * PADDING_BLOCK;
        byte[] out = java.util.Arrays.copyOf(json, length);
        java.util.Arrays.fill(out, json.length, length, (byte) ' ');
        return out;
    }
}
