package org.tipline.tipster.sealed;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tip a front end sealed itself, as posted to {@code POST /api/v1/tips/sealed}. Byte
 * strings are standard base64. Unknown fields are refused. docs/crypto.md, section 8, gives
 * every field byte by byte.
 */
@Schema(name = "SealedTipEnvelope", description = "A tip sealed by the front end to the office's primary key, with its "
        + "follow-up credentials made by the front end (docs/crypto.md, section 8). tipline checks the form and stores "
        + "it as it came; it never sees the tip or the passphrase.")
public record SealedTipEnvelope(

        @Schema(required = true, description = "The envelope format: 2 (the tipster signs in with an Ed25519 key "
                + "derived from the passphrase, and intake never derives), or 1 (the tipster signs in with the "
                + "passphrase)", examples = "2")
        @NotNull
        Integer version,

        @Schema(required = true, description = "The tip id of the binding (from the challenge's salt, t, or the binding "
                + "token), a lower-case UUID", examples = "0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90", maxLength = 36)
        @NotNull @Size(max = 36)
        String tipId,

        @Schema(required = true, description = "The reference of the binding (from the challenge's salt, r, or the "
                + "binding token)", examples = "TIP-7KQ3-9XHD-M2PF-4RTA", maxLength = 23)
        @NotNull @Size(max = 23)
        String reference,

        @Schema(description = "A binding token from GET /api/v1/tips/sealed/binding. Required for a channel that skips "
                + "proof-of-work; without it the binding is the one in the X-Tipline-Proof challenge's salt",
                maxLength = 160)
        @Size(max = 160)
        String binding,

        @Schema(required = true, description = "One of the program's categories, in clear: it routes the tip",
                examples = "drugs")
        @NotNull @Size(min = 1, max = 64)
        String category,

        @Schema(required = true, description = "The padded tip JSON, HPKE-sealed to the office primary key with "
                + "contextInfo tipline/tip/v2/<tipId>, in Tink's format, base64")
        @NotNull
        String tip,

        @Schema(required = true, description = "The 32-byte dialogue key, HPKE-sealed to the office primary key with "
                + "contextInfo tipline/dialogue-key/office/v1/<tipId>, in Tink's format, base64", maxLength = 2_000)
        @NotNull @Size(max = 2_000)
        String officeDialogueKey,

        @Schema(required = true, description = "The Argon2id cost and salt of the passphrase: "
                + "$argon2id$v=19$m=<KiB>,t=<passes>,p=1$<salt>: for version 2, m from 64 to 1,048,576 and t "
                + "from 1 to 10; for version 1, m × t at most 19,456",
                examples = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA", maxLength = 100)
        @NotNull @Size(max = 100)
        String tipsterKdf,

        @Schema(description = "Version 1 only: the 32-byte verifier derived from the passphrase, base64",
                maxLength = 100)
        @Size(max = 100)
        String tipsterVerifier,

        @Schema(description = "Version 2 only: the 32-byte Ed25519 public key of the sign-in seed derived from the "
                + "passphrase, base64", maxLength = 100)
        @Size(max = 100)
        String tipsterSignInKey,

        @Schema(required = true, description = "The dialogue key wrapped under the passphrase's wrapping key "
                + "(AES-256-GCM: IV, ciphertext, tag; 60 bytes), base64", maxLength = 100)
        @NotNull @Size(max = 100)
        String tipsterKey) {

    /** Never the ciphertexts or the verifier. */
    @Override
    public String toString() {
        return "SealedTipEnvelope[reference=" + reference + "]";
    }
}
