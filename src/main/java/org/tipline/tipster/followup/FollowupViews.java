package org.tipline.tipster.followup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.crypto.MessageSealing;
import org.tipline.tip.DialogueState;
import org.tipline.tip.RewardStatus;

/** The bodies of the tipster's follow-up API. */
public final class FollowupViews {

    private FollowupViews() {
    }

    @Schema(name = "FollowupSession")
    public record Session(
            @Schema(required = true, description = "Send as 'Authorization: Bearer <token>' instead of the passphrase") String token,
            @Schema(required = true, description = "When the token stops working (it is never extended)") String expiresAt) {

        @Override
        public String toString() {
            return "Session[redacted]";
        }
    }

    @Schema(name = "Mailbox", description = "The tipster's view of their tip")
    public record Mailbox(
            @Schema(required = true) String reference,
            @Schema(required = true, description = "received, under-review, more-information-needed or closed",
                    enumeration = {"received", "under-review", "more-information-needed", "closed"})
            String status,
            @Schema(required = true, description = "open, or closed once the office ends the conversation", enumeration = {"open", "closed"},
                    implementation = String.class)
            DialogueState dialogue,
            @Schema(description = "The reward, once one is approved; null before") Reward reward,
            @Schema(required = true, description = "The conversation, oldest first") List<Message> messages) {
    }

    @Schema(name = "MailboxMessage")
    public record Message(
            @Schema(required = true) int number,
            @Schema(required = true, description = "tipster or office", enumeration = {"tipster", "office"}) String from,
            @Schema(required = true, description = "When it was sent, to the hour") String sentAt,
            @Schema(description = "The text; null if the stored message was altered and no longer decrypts") String text) {
    }

    @Schema(name = "MailboxReward")
    public record Reward(
            @Schema(required = true, description = "approved, then paid", enumeration = {"approved", "paid"}, implementation = String.class)
            RewardStatus status,
            @Schema(description = "Decimal amount", examples = "250.00") String amount,
            @Schema(description = "ISO 4217 currency code", examples = "USD") String currency,
            @Schema(description = "How to collect the reward") String instructions,
            @Schema(description = "The one-time code to quote when collecting; shown until the reward is paid")
            String payoutCode) {
    }

    @Schema(name = "TipsterMessage")
    public record NewMessage(
            @NotNull @NotBlank @Size(max = MessageSealing.MAX_TEXT)
            @Schema(description = "Your answer or new information", maxLength = MessageSealing.MAX_TEXT)
            String text) {

        @Override
        public String toString() {
            return "NewMessage[redacted]";
        }
    }

    @Schema(name = "TipsterMessageReceipt")
    public record MessageReceipt(@Schema(required = true) int number, @Schema(required = true) String sentAt) {
    }
}
