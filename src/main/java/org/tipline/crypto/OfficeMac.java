package org.tipline.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A MAC key that only a holder of the office private keyset has: HMAC-SHA256 under a key
 * derived (HKDF-SHA256) from the private key bytes of the keyset's first key and a purpose
 * label from {@link Bindings}. It marks what the review side writes to the database so that
 * a row written by anyone else, even with every database right, is told apart:
 * <ul>
 * <li>office session tokens are stored as their MAC, so a row made up with a chosen token's
 *     plain hash opens nothing;</li>
 * <li>each audit entry's chain hash carries a MAC, so a chain recomputed after a deletion no
 *     longer verifies.</li>
 * </ul>
 *
 * <p>The first key stays when the keyset is rotated (a rotation adds a key), so the MAC key,
 * and every MAC already stored, outlives rotations. Nothing derived here is written anywhere.
 */
public final class OfficeMac {

    private static final byte[] SALT = Bindings.OFFICE_MAC_SALT.getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;

    private OfficeMac(Mac mac) {
        this.mac = mac;
    }

    /** The MAC for {@code purpose} (one of the {@code OFFICE_MAC_*} labels in {@link Bindings}). */
    public static OfficeMac derive(OfficePrivateKey officeKey, String purpose) {
        try {
            return new OfficeMac(mac(officeKey, purpose));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the office MAC key for " + purpose + " could not be derived", e);
        }
    }

    private static Mac mac(OfficePrivateKey officeKey, String purpose) throws GeneralSecurityException {
        MacConfig.register();
        KeysetHandle keyset = officeKey.keyset();
        Key first = keyset.getAt(0).getKey();
        if (!(first instanceof HpkePrivateKey)) {
            throw new GeneralSecurityException("the office keyset's first key is not an HPKE private key");
        }
        byte[] secret = ((HpkePrivateKey) first).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
        byte[] keyBytes = Hkdf.computeHkdf("HMACSHA256", secret, SALT, purpose.getBytes(StandardCharsets.US_ASCII), 32);
        HmacParameters parameters = HmacParameters.builder()
                .setKeySizeBytes(32)
                .setTagSizeBytes(32)
                .setHashType(HmacParameters.HashType.SHA256)
                .setVariant(HmacParameters.Variant.NO_PREFIX)
                .build();
        HmacKey key = HmacKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(keyBytes, InsecureSecretKeyAccess.get()))
                .build();
        KeysetHandle handle = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                .build();
        return handle.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    /** The 32-byte tag of {@code data}. */
    public byte[] tag(byte[] data) {
        try {
            return mac.computeMac(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    /** Whether {@code tag} is this key's tag of {@code data}, compared in constant time. */
    public boolean verifies(byte[] tag, byte[] data) {
        if (tag == null) {
            return false;
        }
        try {
            mac.verifyMac(tag, data);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
