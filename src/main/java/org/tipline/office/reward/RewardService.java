package org.tipline.office.reward;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.RewardSealing;
import org.tipline.office.access.TipAccess;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.staff.Caller;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.NotFound;
import org.tipline.tip.RewardStatus;
import org.tipline.tip.Tip;

/**
 * Rewards: a coordinator records the board's decision, the tipster sees it (with a one-time
 * payout code) in their mailbox, and the coordinator marks it paid with the code the
 * tipster quotes. tipline checks the code against a hash and learns nothing else. Every
 * action, a refused payout code included, is audited.
 */
@ApplicationScoped
public class RewardService {

    private final TipAccess tips;
    private final RewardRepository rewards;
    private final AuditService audit;
    private final SecureRandom random = new SecureRandom();

    public RewardService(TipAccess tips, RewardRepository rewards, AuditService audit) {
        this.tips = tips;
        this.rewards = rewards;
        this.audit = audit;
    }

    public Uni<RewardViews.Reward> get(Caller caller, String typedReference) {
        return Panache.withSession(() -> tips.tipInRemit(caller, typedReference)
                .chain(tip -> rewards.findById(tip.id).map(reward -> {
                    if (reward == null) {
                        throw new NotFound("No reward is recorded for this tip.");
                    }
                    return RewardViews.Reward.of(tip.reference, reward);
                })));
    }

    /** Records or replaces the approved reward. A replaced one gets a new payout code; a paid one cannot change. */
    public Uni<RewardViews.Reward> approve(Caller caller, String typedReference, RewardViews.Decision decision) {
        checkCurrency(decision.currency());
        return Panache.withTransaction(() -> lockedTip(caller, typedReference).chain(tip -> tips.dialogueKey(tip)
                .chain(key -> rewards.findById(tip.id).chain(existing -> {
                if (existing != null && existing.status == RewardStatus.PAID) {
                    throw new Conflict("This tip's reward is already paid.");
                }
                TipReward reward = existing != null ? existing : new TipReward();
                reward.tipId = tip.id;
                reward.status = RewardStatus.APPROVED;
                reward.amount = decision.amount().setScale(2, RoundingMode.UNNECESSARY);
                reward.currency = decision.currency();
                reward.approvalReference = decision.approvalReference();
                reward.formatVersion = (short) Bindings.DIALOGUE_FORMAT_VERSION;
                // The code is sealed for the mailbox and hashed for the check, then forgotten here.
                String payoutCode = PayoutCode.generate(random);
                reward.tipsterView = RewardSealing.seal(key, tip.id, decision.paymentInstructions(), payoutCode);
                reward.payoutCodeHash = RewardSealing.payoutCodeHash(tip.id, payoutCode);
                reward.approvedBy = caller.username();
                reward.approvedOn = LocalDate.now(ZoneOffset.UTC);
                Map<String, String> detail = new LinkedHashMap<>();
                detail.put("amount", reward.amount.toPlainString());
                detail.put("currency", reward.currency);
                detail.put("approvalReference", reward.approvalReference);
                detail.put("replaced", Boolean.toString(existing != null));
                return rewards.persist(reward)
                        .call(saved -> audit.append(new AuditEvent(caller.username(), AuditAction.REWARD_APPROVE,
                                tip.reference, null, detail)))
                        .map(saved -> RewardViews.Reward.of(tip.reference, saved));
            }))));
    }

    /**
     * Marks the reward paid when the quoted code matches. A wrong code is audited too (the
     * entry is committed) and answered 409; the reward stays approved.
     */
    public Uni<RewardViews.Reward> payout(Caller caller, String typedReference, String quotedCode) {
        return Panache.withTransaction(() -> lockedTip(caller, typedReference).chain(tip -> rewards.findById(tip.id)
                .chain(reward -> {
                    if (reward == null || reward.status != RewardStatus.APPROVED) {
                        throw new Conflict("This tip has no approved, unpaid reward.");
                    }
                    String code = PayoutCode.normalize(quotedCode);
                    boolean matches = code != null
                            && MessageDigest.isEqual(reward.payoutCodeHash, RewardSealing.payoutCodeHash(tip.id, code));
                    if (!matches) {
                        return audit.append(new AuditEvent(caller.username(), AuditAction.REWARD_PAYOUT_REFUSED,
                                tip.reference, null, null)).map(entry -> (RewardViews.Reward) null);
                    }
                    reward.status = RewardStatus.PAID;
                    reward.paidBy = caller.username();
                    reward.paidOn = LocalDate.now(ZoneOffset.UTC);
                    return audit.append(new AuditEvent(caller.username(), AuditAction.REWARD_PAID, tip.reference, null,
                            Map.of("amount", reward.amount.toPlainString(), "currency", reward.currency)))
                            .map(entry -> RewardViews.Reward.of(tip.reference, reward));
                })))
                .map(view -> {
                    if (view == null) {
                        throw new Conflict("The payout code does not match this tip's reward. The attempt is in the audit log.");
                    }
                    return view;
                });
    }

    private Uni<Tip> lockedTip(Caller caller, String typedReference) {
        return tips.lockedTipInRemit(caller, typedReference);
    }

    private static void checkCurrency(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidField("currency", "must be an ISO 4217 currency code");
        }
        // XXX (no currency), XTS (testing), gold, silver and drawing rights have no minor unit:
        // they are codes, not money a tipster can be paid in.
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidField("currency", "must be the ISO 4217 code of a currency that is paid out");
        }
    }
}
