package org.tipline.tipster.followup;

import java.security.MessageDigest;
import org.tipline.crypto.DialogueKey;

/**
 * What one Argon2id derivation of the passphrase yields, split with HKDF-SHA256 under two
 * labels: a verifier, which is stored, and the key that wraps the tip's dialogue key,
 * which is not. Knowing the verifier tells nothing about the wrapping key.
 */
public record TipsterSecrets(byte[] verifier, DialogueKey wrappingKey) {

    static final String VERIFIER_PURPOSE = "tipline/followup/verifier/v1";
    static final String WRAPPING_PURPOSE = "tipline/followup/wrapping-key/v1";

    public static TipsterSecrets from(byte[] argon2Output) {
        return new TipsterSecrets(DialogueKey.hkdf(argon2Output, VERIFIER_PURPOSE, 32),
                DialogueKey.derive(argon2Output, WRAPPING_PURPOSE));
    }

    /** Constant-time comparison with a stored verifier; false for a missing one. */
    public boolean matches(byte[] storedVerifier) {
        return storedVerifier != null && MessageDigest.isEqual(verifier, storedVerifier);
    }

    @Override
    public String toString() {
        return "TipsterSecrets[redacted]";
    }
}
