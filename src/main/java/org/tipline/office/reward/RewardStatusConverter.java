package org.tipline.office.reward;

import jakarta.persistence.Converter;
import org.tipline.tip.LabelConverter;
import org.tipline.tip.RewardStatus;

/** Stores a {@link RewardStatus} as its label in {@code tip_reward.status}. */
@Converter
public class RewardStatusConverter extends LabelConverter<RewardStatus> {

    public RewardStatusConverter() {
        super(RewardStatus::label, RewardStatus::fromLabel, "tip_reward.status");
    }
}
