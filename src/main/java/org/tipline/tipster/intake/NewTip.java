package org.tipline.tipster.intake;

import java.time.Instant;
import java.util.UUID;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedTip;

/**
 * A tip row about to be written: no plaintext, only what the table holds. The follow-up
 * columns hold the passphrase's Argon2id parameters and verifier (or, for a sealed
 * follow-up, the Ed25519 sign-in public key instead: docs/crypto.md, section 8), and the
 * tip's dialogue key twice wrapped: under the passphrase and to the office key.
 */
public record NewTip(UUID id, String reference, String program, String channel, String category, Instant receivedAt, SealedTip sealed,
        String tipsterKdf, byte[] tipsterVerifier, byte[] tipsterKey, OfficePublicKey.SealedBytes officeDialogueKey,
        byte[] tipsterSignInKey) {
}
