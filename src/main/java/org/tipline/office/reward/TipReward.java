package org.tipline.office.reward;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.tipline.tip.RewardStatus;

/** A reward the board approved for a tip, and its payment. */
@Entity
@Table(name = "tip_reward")
public class TipReward {

    @Id
    @Column(name = "tip_id")
    public UUID tipId;

    @Convert(converter = RewardStatusConverter.class)
    public RewardStatus status;

    public BigDecimal amount;

    public String currency;

    @Column(name = "approval_reference")
    public String approvalReference;

    @Column(name = "format_version")
    public short formatVersion;

    /** Instructions and payout code, under the tip's dialogue key. */
    @Column(name = "tipster_view")
    public byte[] tipsterView;

    @Column(name = "payout_code_hash")
    public byte[] payoutCodeHash;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_on")
    public LocalDate approvedOn;

    @Column(name = "paid_by")
    public String paidBy;

    @Column(name = "paid_on")
    public LocalDate paidOn;
}
