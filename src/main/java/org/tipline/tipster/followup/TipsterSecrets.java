package org.tipline.tipster.followup;

import java.security.MessageDigest;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.DialogueKey;

/**
 * What one Argon2id derivation of the passphrase yields, split with HKDF-SHA256 under two
 * labels: a verifier, which is stored, and the key that wraps the tip's dialogue key,
 * which is not. Knowing the verifier tells nothing about the wrapping key.
 */
public record TipsterSecrets(byte[] verifier, DialogueKey wrappingKey) {

    public static TipsterSecrets from(byte[] argon2Output) {
        return new TipsterSecrets(DialogueKey.hkdf(argon2Output, Bindings.FOLLOWUP_VERIFIER, 32),
                DialogueKey.derive(argon2Output, Bindings.FOLLOWUP_WRAPPING_KEY));
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
