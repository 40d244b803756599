package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Every string that binds a ciphertext, a derived key or a hash to what it is for: HPKE
 * {@code contextInfo}, AES-GCM associated data (AD), HKDF info and hash prefixes. They live in
 * this one class so that no two purposes can share a string by accident: each binding
 * starts with a constant part that is not a prefix of any other's, so a value made for one
 * purpose never opens, derives or matches as another ({@code BindingsTests} checks this).
 *
 * <p>These bytes are part of every stored ciphertext and hash. Changing one makes existing
 * rows and keysets unreadable; a new meaning needs a new version, read beside the old one.
 *
 * <p>Every binding is US-ASCII, its variable parts joined by {@code /}: a UUID lower-case and
 * hyphenated, a format version or message number in decimal. docs/crypto.md lists who seals
 * and opens each one.
 */
public final class Bindings {

    /** The version of a tip's sealed plaintext and of its binding; kept in {@code tip.format_version}. */
    public static final int TIP_FORMAT_VERSION = 1;
    /**
     * The version of a tip sealed by a front end (a sealed submission): the same plaintext as
     * {@link #TIP_FORMAT_VERSION}, but sealed outside tipline and never checked by intake.
     * Being part of the binding, it cannot be claimed by a ciphertext made for version 1.
     */
    public static final int SEALED_TIP_FORMAT_VERSION = 2;
    /** The version of a note's sealed plaintext and of its binding; kept in {@code tip_note.format_version}. */
    public static final int NOTE_FORMAT_VERSION = 1;
    /** The version of messages and reward views and of their bindings; stored with each row. */
    public static final int DIALOGUE_FORMAT_VERSION = 1;

    // The constant part of each binding below: the text before its first variable part.
    // BindingsTests finds them by reflection, so a new binding belongs here too.
    private static final String TIP = "tipline/tip/v";
    private static final String NOTE = "tipline/note/v";
    private static final String TOTP_SECRET = "tipline/totp/v1/";
    private static final String OFFICE_DIALOGUE_KEY = "tipline/dialogue-key/office/v1/";
    private static final String TIPSTER_DIALOGUE_KEY = "tipline/dialogue-key/tipster/v1/";
    private static final String SESSION_DIALOGUE_KEY = "tipline/dialogue-key/session/v1/";
    private static final String MESSAGE = "tipline/message/v";
    private static final String REWARD = "tipline/reward/v";
    private static final String PAYOUT_CODE = "tipline/payout-code/v1/";
    private static final String SEALED_BINDING = "tipline/sealed-binding/v1/";
    private static final String SEALED_SIGNIN = "tipline/followup/sealed-signin/v1/";
    private static final String DECOY_SALT = "tipline/followup/decoy-salt/v1/";

    /** HKDF info: the verifier the tipster's passphrase yields, stored to check it at sign-in. */
    public static final String FOLLOWUP_VERIFIER = "tipline/followup/verifier/v1";
    /** HKDF info: the key the tipster's passphrase yields to wrap the tip's dialogue key; never stored. */
    public static final String FOLLOWUP_WRAPPING_KEY = "tipline/followup/wrapping-key/v1";
    /**
     * HKDF info: the 32-byte Ed25519 seed (RFC 8032 private key) the passphrase yields in the
     * tipster's browser for a sealed sign-in; only its public key is stored. Never derived by intake.
     */
    public static final String FOLLOWUP_SIGNIN_KEY = "tipline/followup/signin-key/v1";
    /** HKDF info: the key a tipster session token yields to seal the dialogue key for that session. */
    public static final String FOLLOWUP_SESSION_KEY = "tipline/followup/session-key/v1";
    /** The office keyset file's format, first field of the header that is the keyset's AD under its KEK. */
    public static final String OFFICE_KEYSET_FORMAT = "tipline-office-keyset/1";
    /** HKDF salt of the MAC keys derived from the office private keyset ({@link OfficeMac}). */
    public static final String OFFICE_MAC_SALT = "tipline/office-mac/v1";
    /** HKDF info of the key under which office session tokens are stored. */
    public static final String OFFICE_MAC_SESSION_TOKENS = "tipline/office-mac/session-tokens/v1";
    /** HKDF info of the key that marks each audit entry's chain hash. */
    public static final String OFFICE_MAC_AUDIT_CHAIN = "tipline/office-mac/audit-chain/v1";

    private Bindings() {
    }

    /** A tip, sealed by intake to the office public key, opened by the office (HPKE contextInfo). */
    public static byte[] tip(UUID tipId, int formatVersion) {
        return ascii(TIP + formatVersion + "/" + tipId);
    }

    /** An investigator's note on a tip, sealed by the office to its own public key (HPKE contextInfo). */
    public static byte[] note(UUID tipId, UUID noteId, int formatVersion) {
        return ascii(NOTE + formatVersion + "/" + tipId + "/" + noteId);
    }

    /** A reviewer's TOTP secret, sealed at enrolment to the office public key (HPKE contextInfo). */
    public static byte[] totpSecret(UUID reviewerId) {
        return ascii(TOTP_SECRET + reviewerId);
    }

    /** The office's copy of a tip's dialogue key, sealed by intake to the office public key (HPKE contextInfo). */
    public static byte[] officeDialogueKey(UUID tipId) {
        return ascii(OFFICE_DIALOGUE_KEY + tipId);
    }

    /** The tipster's copy of the dialogue key, wrapped under the key their passphrase yields (AES-GCM AD). */
    public static byte[] tipsterDialogueKey(UUID tipId, String reference) {
        return ascii(TIPSTER_DIALOGUE_KEY + tipId + "/" + reference);
    }

    /** A tipster session's copy of the dialogue key, sealed under the key its token yields (AES-GCM AD). */
    public static byte[] sessionDialogueKey(UUID tipId) {
        return ascii(SESSION_DIALOGUE_KEY + tipId);
    }

    /** Message {@code number} of a tip's thread, from {@code sender} to both, under the dialogue key (AES-GCM AD). */
    public static byte[] message(UUID tipId, int number, String sender, int formatVersion) {
        return ascii(MESSAGE + formatVersion + "/" + tipId + "/" + number + "/" + sender);
    }

    /** What the tipster sees of a reward, sealed by the office for them under the dialogue key (AES-GCM AD). */
    public static byte[] reward(UUID tipId, int formatVersion) {
        return ascii(REWARD + formatVersion + "/" + tipId);
    }

    /** The start of a payout code's SHA-256 input, before the canonical code: binds the stored hash to its tip. */
    public static byte[] payoutCodePrefix(UUID tipId) {
        return ascii(PAYOUT_CODE + tipId + "/");
    }

    /**
     * What a binding token's HMAC covers: a tip id and reference that intake issued to a front end
     * for one sealed submission, and the token's expiry (Unix seconds) and key generation.
     */
    public static byte[] sealedBinding(UUID tipId, String reference, long expires, long generation) {
        return ascii(SEALED_BINDING + tipId + "/" + reference + "/" + expires + "/" + generation);
    }

    /**
     * What a sealed sign-in's Ed25519 signature covers: the canonical reference and the
     * challenge (lower-case hex) of the proof-of-work sent with it, a signed single-use server nonce.
     */
    public static byte[] sealedSignIn(String reference, String challengeHex) {
        return ascii(SEALED_SIGNIN + reference + "/" + challengeHex);
    }

    /** What the decoy key's HMAC covers for the decoy salt of a reference that has no sealed sign-in. */
    public static byte[] decoySalt(String reference) {
        return ascii(DECOY_SALT + reference);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
