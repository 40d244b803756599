package org.tipline.crypto;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed follow-up's sign-in (docs/crypto.md, section 8): the tipster's browser derives
 * an Ed25519 key pair from the passphrase and signs {@link Bindings#sealedSignIn}; intake holds
 * only the 32-byte public key and checks the signature here, with Tink. Also the decoy salt
 * that the kdf lookup answers for a reference without a sealed sign-in.
 */
public final class SealedSignIn {

    /** An Ed25519 public key (RFC 8032). */
    public static final int PUBLIC_KEY_BYTES = 32;
    /** An Ed25519 signature (RFC 8032). */
    public static final int SIGNATURE_BYTES = 64;
    /** The decoy key, and the decoy salt taken from its HMAC. */
    public static final int DECOY_KEY_BYTES = 32;
    public static final int DECOY_SALT_BYTES = 16;

    /**
     * The public key that unknown references are checked against, so that a sign-in for one
     * costs the same verification as for a real tip; its seed is 32 zero bytes, and no tip stores it.
     */
    private static final byte[] DUMMY_KEY;

    static {
        try {
            DUMMY_KEY = Ed25519Sign.KeyPair.newKeyPairFromSeed(new byte[32]).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SealedSignIn() {
    }

    /**
     * Whether {@code signature} is {@code publicKey}'s Ed25519 signature of the sign-in string
     * for this reference and challenge. A null public key (an unknown tip, or one without a
     * sealed sign-in) is checked against a dummy key at the same cost, and is never valid.
     */
    public static boolean verify(byte[] publicKey, String reference, String challengeHex, byte[] signature) {
        boolean real = publicKey != null && publicKey.length == PUBLIC_KEY_BYTES;
        byte[] key = real ? publicKey : DUMMY_KEY;
        if (signature == null || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            new Ed25519Verify(key).verify(signature, Bindings.sealedSignIn(reference, challengeHex));
            return real;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The Ed25519 public key of a 32-byte seed (RFC 8032); for tests and test vectors. */
    public static byte[] publicKeyOf(byte[] seed) {
        try {
            return Ed25519Sign.KeyPair.newKeyPairFromSeed(seed).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes", e);
        }
    }

    /** The signature a browser makes with this seed; for tests and test vectors. */
    public static byte[] sign(byte[] seed, String reference, String challengeHex) {
        try {
            Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
            return new Ed25519Sign(pair.getPrivateKey()).sign(Bindings.sealedSignIn(reference, challengeHex));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes", e);
        }
    }

    /** The first 16 bytes of HMAC-SHA256(decoy key, {@link Bindings#decoySalt}). */
    public static byte[] decoySalt(byte[] decoyKey, String reference) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(decoyKey, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(Bindings.decoySalt(reference)), DECOY_SALT_BYTES);
        } catch (InvalidKeyException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
