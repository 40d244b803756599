package org.tipline.tip;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a tip's reward stands: approved by the board, then paid. Here beside the tip rather than
 * in {@code office.reward} because the tipster side reads it too (the mailbox shows it, and shows
 * the payout code only while the reward is approved). Each constant carries the text stored in
 * {@code tip_reward.status} (the {@code tip_reward_status_known} check of V5) and shown by both APIs.
 */
public enum RewardStatus {
    APPROVED("approved"),
    PAID("paid");

    private final String label;

    RewardStatus(String label) {
        this.label = label;
    }

    /** The stored and shown text. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The status with this label, or null. */
    public static RewardStatus fromLabel(String label) {
        for (RewardStatus status : values()) {
            if (status.label.equals(label)) {
                return status;
            }
        }
        return null;
    }
}
