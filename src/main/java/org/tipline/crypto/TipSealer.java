package org.tipline.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Encrypts a tip to the office public key with HPKE, one fresh encapsulation per tip.
 * The JSON plaintext is first padded ({@link JsonPadding}), so a ciphertext's length tells
 * only a coarse size.
 */
@ApplicationScoped
public class TipSealer {

    private final OfficePublicKey officeKey;

    public TipSealer(OfficePublicKey officeKey) {
        this.officeKey = officeKey;
    }

    public SealedTip seal(UUID tipId, byte[] json) {
        int version = Bindings.TIP_FORMAT_VERSION;
        OfficePublicKey.SealedBytes sealed = officeKey.seal(JsonPadding.pad(json), Bindings.tip(tipId, version));
        return new SealedTip(sealed.ciphertext(), sealed.keyId(), version);
    }
}
