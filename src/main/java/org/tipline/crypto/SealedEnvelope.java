package org.tipline.crypto;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The form of what a front end sealed itself for a sealed submission (docs/crypto.md,
 * section 8): the tip and the office's copy of the dialogue key, HPKE to the office primary
 * key in Tink's format, the tipster's verifier (envelope version 1) or Ed25519 sign-in
 * public key (version 2), and the tipster's wrapped dialogue key. Intake cannot
 * open any of them; it checks here, before anything is stored, that each is what the format
 * allows: standard base64, Tink's prefix naming the primary key, and lengths that leave the
 * tip's size readable only in 256-byte steps.
 */
public final class SealedEnvelope {

    /** The longest padded tip plaintext a sealed tip may carry: 256 blocks of 256 bytes. */
    public static final int MAX_PADDED_TIP = 256 * JsonPadding.BLOCK;
    /** A verifier: HKDF-SHA256 output. */
    public static final int VERIFIER_BYTES = 32;
    /** The tipster's copy of the dialogue key: IV, the key, the tag (AES-256-GCM, {@link DialogueKey}). */
    public static final int TIPSTER_KEY_BYTES = 12 + DialogueKey.SIZE_BYTES + 16;
    /** Tink's output prefix: one version byte, then the key id. */
    private static final byte TINK_PREFIX = 0x01;

    private SealedEnvelope() {
    }

    /** Why a field was refused. */
    public enum Fault {
        /** Not base64, or a length or prefix byte the format does not allow. */
        MALFORMED,
        /** A tip longer than {@link #MAX_PADDED_TIP} allows. */
        TOO_LARGE,
        /** An HPKE ciphertext to a key other than the office primary key. */
        KEY_UNKNOWN
    }

    /** A field refused, named by its envelope field; never carries the value. */
    public static final class FormException extends RuntimeException {

        private final Fault fault;
        private final String field;

        FormException(Fault fault, String field) {
            super(fault + " " + field, null, false, false);
            this.fault = fault;
            this.field = field;
        }

        public Fault fault() {
            return fault;
        }

        public String field() {
            return field;
        }
    }

    /** The decoded fields, each of the allowed form; what the tip's rows store as they came. */
    public record Checked(SealedTip tip, OfficePublicKey.SealedBytes officeDialogueKey, byte[] verifier,
            byte[] tipsterKey, byte[] signInKey) {
    }

    /**
     * Decodes and checks the byte fields, for the office key this process seals to: exactly one
     * of {@code verifier} (a passphrase sign-in) and {@code signInKey} (a sealed sign-in) is
     * given; the caller has checked which one its envelope version takes. The tip is stored as
     * format version {@link Bindings#SEALED_TIP_FORMAT_VERSION}.
     *
     * @throws FormException naming the first field refused, and why
     */
    public static Checked check(OfficePublicKey officeKey, String tip, String officeDialogueKey, String verifier,
            String signInKey, String tipsterKey) {
        byte[] tipBytes = decode("tip", tip);
        byte[] dialogueBytes = decode("officeDialogueKey", officeDialogueKey);
        byte[] verifierBytes = verifier == null ? null : decode("tipsterVerifier", verifier);
        byte[] signInKeyBytes = signInKey == null ? null : decode("tipsterSignInKey", signInKey);
        byte[] tipsterKeyBytes = decode("tipsterKey", tipsterKey);
        if ((verifierBytes == null) == (signInKeyBytes == null)) {
            throw new FormException(Fault.MALFORMED, verifierBytes == null ? "tipsterSignInKey" : "tipsterVerifier");
        }
        if (verifierBytes != null && verifierBytes.length != VERIFIER_BYTES) {
            throw new FormException(Fault.MALFORMED, "tipsterVerifier");
        }
        if (signInKeyBytes != null && signInKeyBytes.length != SealedSignIn.PUBLIC_KEY_BYTES) {
            throw new FormException(Fault.MALFORMED, "tipsterSignInKey");
        }
        if (tipsterKeyBytes.length != TIPSTER_KEY_BYTES) {
            throw new FormException(Fault.MALFORMED, "tipsterKey");
        }
        OfficeKem kem = officeKey.primaryKem();
        if (kem == null) {
            throw new IllegalStateException("the office primary key is of no KEM tipline knows");
        }
        requirePrimaryKey(officeKey, "tip", tipBytes);
        requirePrimaryKey(officeKey, "officeDialogueKey", dialogueBytes);
        int padded = tipBytes.length - kem.ciphertextOverhead();
        if (padded > MAX_PADDED_TIP) {
            throw new FormException(Fault.TOO_LARGE, "tip");
        }
        if (padded < JsonPadding.BLOCK || padded % JsonPadding.BLOCK != 0) {
            throw new FormException(Fault.MALFORMED, "tip");
        }
        if (dialogueBytes.length != kem.ciphertextOverhead() + DialogueKey.SIZE_BYTES) {
            throw new FormException(Fault.MALFORMED, "officeDialogueKey");
        }
        long keyId = officeKey.primaryKeyId();
        return new Checked(new SealedTip(tipBytes, keyId, Bindings.SEALED_TIP_FORMAT_VERSION),
                new OfficePublicKey.SealedBytes(dialogueBytes, keyId), verifierBytes, tipsterKeyBytes,
                signInKeyBytes);
    }

    /** The key id in a Tink-prefixed ciphertext (unsigned), or -1 when it has no TINK prefix. */
    public static long keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != TINK_PREFIX) {
            return -1;
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(ciphertext, 1, 4).getInt());
    }

    private static void requirePrimaryKey(OfficePublicKey officeKey, String field, byte[] ciphertext) {
        if (ciphertext.length < 5) {
            throw new FormException(Fault.MALFORMED, field);
        }
        if (keyIdOf(ciphertext) != officeKey.primaryKeyId()) {
            throw new FormException(Fault.KEY_UNKNOWN, field);
        }
    }

    private static byte[] decode(String field, String base64) {
        if (base64 == null) {
            throw new FormException(Fault.MALFORMED, field);
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new FormException(Fault.MALFORMED, field);
        }
    }
}
