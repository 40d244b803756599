package org.tipline.office.audit;

/**
 * Every action the audit log records. Each constant carries the text stored in
 * {@code audit_entry.action} and hashed into the chain, so a label never changes once written:
 * entries already in a log must keep verifying. A new action gets a new constant; a label
 * must match the {@code audit_entry_action_form} check of V3 (dotted lower-case words, at
 * most 64 characters).
 */
public enum AuditAction {
    /** A reviewer signed in with password and TOTP code. */
    SESSION_LOGIN("session.login"),
    /** A tip was decrypted for a reviewer (one entry per tip, also in a page read). */
    TIP_READ("tip.read"),
    /** A tip's status, assignee, unit or disposition changed. */
    TIP_UPDATE("tip.update"),
    NOTE_ADD("note.add"),
    NOTE_READ("note.read"),
    /** The conversation with the tipster was decrypted for a reviewer. */
    DIALOGUE_READ("dialogue.read"),
    /** The office sent the tipster a message. */
    DIALOGUE_MESSAGE("dialogue.message"),
    DIALOGUE_CLOSE("dialogue.close"),
    DIALOGUE_REOPEN("dialogue.reopen"),
    /** A coordinator recorded (or replaced) the board's reward decision. */
    REWARD_APPROVE("reward.approve"),
    REWARD_PAID("reward.paid"),
    /** A payout code that did not match was quoted. */
    REWARD_PAYOUT_REFUSED("reward.payout-refused"),
    /** An account was made, by an admin or with {@code tipline reviewers add}. */
    ACCOUNT_CREATE("account.create"),
    ACCOUNT_UPDATE("account.update"),
    /** A front end's channel was made, by an admin or with {@code tipline channels add}. */
    CHANNEL_CREATE("channel.create"),
    /** A channel was given a new key; the old one stops working. */
    CHANNEL_ROTATE("channel.rotate"),
    CHANNEL_REVOKE("channel.revoke"),
    /** A channel's origins, quota or proof-of-work changed. */
    CHANNEL_UPDATE("channel.update");

    private final String label;

    AuditAction(String label) {
        this.label = label;
    }

    /** The stored and hashed text. */
    public String label() {
        return label;
    }

    /** The action with this label, or null (an entry may hold text no constant has: it is shown as stored). */
    public static AuditAction fromLabel(String label) {
        for (AuditAction action : values()) {
            if (action.label.equals(label)) {
                return action;
            }
        }
        return null;
    }
}
