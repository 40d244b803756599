package org.tipline.tipster.followup;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.tip.DialogueState;
import org.tipline.tip.RewardStatus;

/** The bodies of the sealed follow-up (docs/crypto.md, section 8): byte strings in standard base64. */
public final class SealedFollowupViews {

    private SealedFollowupViews() {
    }

    @Schema(name = "SealedKdfRequest")
    public record KdfRequest(
            @Schema(required = true, description = "The tip reference; case, dashes and spaces do not matter",
                    examples = "TIP-7KQ3-9XHD-M2PF-4RTA", maxLength = 64)
            @NotNull @Size(max = 64) String reference) {

        @Override
        public String toString() {
            return "KdfRequest[redacted]";
        }
    }

    @Schema(name = "SealedKdf", description = "How this reference signs in. An unknown reference gets a sealed answer "
            + "too, with a decoy kdf that is the same at every ask")
    public record Kdf(
            @Schema(required = true, description = "sealed: derive from the passphrase with tipsterKdf and sign in at "
                    + "POST /api/v1/followup/sealed/session; passphrase: sign in at POST /api/v1/followup/session",
                    enumeration = {"sealed", "passphrase"}) String signIn,
            @Schema(description = "For sealed: $argon2id$v=19$m=<KiB>,t=<passes>,p=1$<16-byte salt, base64 without "
                    + "padding>", examples = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA")
            @JsonInclude(JsonInclude.Include.NON_NULL) String tipsterKdf) {
    }

    @Schema(name = "SealedSignIn")
    public record SignInRequest(
            @Schema(required = true, description = "The tip reference; case, dashes and spaces do not matter",
                    examples = "TIP-7KQ3-9XHD-M2PF-4RTA", maxLength = 64)
            @NotNull @Size(max = 64) String reference,
            @Schema(required = true, description = "The 64-byte Ed25519 signature, by the sign-in seed, "
                    + "of tipline/followup/sealed-signin/v1/<canonical reference>/<challenge of X-Tipline-Proof>, base64",
                    maxLength = 100)
            @NotNull @Size(max = 100) String signature) {

        @Override
        public String toString() {
            return "SignInRequest[redacted]";
        }
    }

    @Schema(name = "SealedFollowupSession")
    public record Session(
            @Schema(required = true, description = "Send as 'Authorization: Bearer <token>'") String token,
            @Schema(required = true, description = "When the token stops working (it is never extended)") String expiresAt,
            @Schema(required = true, description = "The tip id, bound into every ciphertext of the dialogue") String tipId,
            @Schema(required = true, description = "The dialogue key wrapped under the passphrase's wrapping key "
                    + "(AES-256-GCM: IV, ciphertext, tag; 60 bytes), base64") String tipsterKey) {

        @Override
        public String toString() {
            return "Session[redacted]";
        }
    }

    @Schema(name = "SealedMailbox", description = "The tipster's mailbox, every text sealed under the dialogue key")
    public record Mailbox(
            @Schema(required = true) String reference,
            @Schema(required = true) String tipId,
            @Schema(required = true, enumeration = {"received", "under-review", "more-information-needed", "closed"})
            String status,
            @Schema(required = true, enumeration = {"open", "closed"}, implementation = String.class)
            DialogueState dialogue,
            @Schema(required = true, description = "The format version to seal a new message with (in its AD)")
            int formatVersion,
            @Schema(required = true, description = "The number a new message must have (in its AD)") int nextNumber,
            @Schema(description = "The reward, once one is approved; null before") Reward reward,
            @Schema(required = true, description = "The conversation, oldest first") List<Message> messages) {
    }

    @Schema(name = "SealedMailboxMessage")
    public record Message(
            @Schema(required = true) int number,
            @Schema(required = true, enumeration = {"tipster", "office"}) String from,
            @Schema(required = true, description = "When it was sent, to the hour") String sentAt,
            @Schema(required = true, description = "AES-256-GCM under the dialogue key (IV, ciphertext, tag), "
                    + "AD tipline/message/v<formatVersion>/<tipId>/<number>/<from>, base64") String ciphertext) {
    }

    @Schema(name = "SealedMailboxReward")
    public record Reward(
            @Schema(required = true, enumeration = {"approved", "paid"}, implementation = String.class)
            RewardStatus status,
            @Schema(description = "Decimal amount", examples = "250.00") String amount,
            @Schema(description = "ISO 4217 currency code", examples = "USD") String currency,
            @Schema(description = "{\"instructions\",\"payoutCode\"} padded, AES-256-GCM under the dialogue key, "
                    + "AD tipline/reward/v<formatVersion>/<tipId>, base64; show the code only while approved")
            String tipsterView) {
    }

    @Schema(name = "SealedTipsterMessage")
    public record NewMessage(
            @Schema(required = true, description = "The mailbox's nextNumber") @NotNull @Min(1) @Max(Integer.MAX_VALUE)
            Integer number,
            @Schema(required = true, description = "{\"text\": ...} padded with spaces to a multiple of 256 bytes, "
                    + "AES-256-GCM under the dialogue key (IV 12, ciphertext, tag 16), "
                    + "AD tipline/message/v<formatVersion>/<tipId>/<number>/tipster, base64", maxLength = 41_000)
            @NotNull @Size(max = 41_000) String ciphertext) {

        @Override
        public String toString() {
            return "NewMessage[redacted]";
        }
    }
}
