package org.tipline.office.reward;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.tip.RewardStatus;

/** The bodies of the office's reward API. */
public final class RewardViews {

    private RewardViews() {
    }

    @Schema(name = "RewardDecision", description = "The board's decision, recorded by a coordinator")
    public record Decision(
            @NotNull @DecimalMin(value = "0.01") @DecimalMax(value = "1000000") @Digits(integer = 7, fraction = 2)
            @Schema(examples = "250.00") BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}") @Schema(description = "ISO 4217 code", examples = "USD") String currency,
            @NotBlank @Size(max = 100) @Pattern(regexp = "[\\p{L}\\p{N} ._/#:()-]+")
            @Schema(description = "The board's reference for the approval", examples = "BOARD-2026-117")
            String approvalReference,
            @NotBlank @Size(max = 2_000)
            @Schema(description = "How the tipster collects the reward; shown in their mailbox",
                    examples = "Bring your payout code to the teller at any First Bank branch within 60 days.")
            String paymentInstructions) {
    }

    @Schema(name = "RewardPayout")
    public record Payout(
            @NotBlank @Size(max = 64)
            @Schema(description = "The code the tipster quoted", examples = "PAY-7KQ3-9XHD-M2PF-4RTA")
            String payoutCode) {

        @Override
        public String toString() {
            return "Payout[redacted]";
        }
    }

    @Schema(name = "Reward", description = "A tip's reward as the office sees it; never the payout code")
    public record Reward(String reference,
            @Schema(enumeration = {"approved", "paid"}, implementation = String.class) RewardStatus status,
            String amount, String currency, String approvalReference,
            String approvedBy, String approvedOn, String paidBy, String paidOn) {

        static Reward of(String reference, TipReward reward) {
            return new Reward(reference, reward.status, reward.amount.toPlainString(), reward.currency,
                    reward.approvalReference, reward.approvedBy, reward.approvedOn.toString(), reward.paidBy,
                    reward.paidOn == null ? null : reward.paidOn.toString());
        }
    }
}
