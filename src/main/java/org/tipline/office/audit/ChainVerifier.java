package org.tipline.office.audit;

import java.security.MessageDigest;
import org.tipline.office.audit.AuditVerification.Reason;

/**
 * Walks the audit log in seq order, one entry at a time, so that a log of any length is
 * checked in constant memory. The first break ends the walk.
 */
final class ChainVerifier {

    private final AuditAnchor anchor;
    private final StoredSeal seal;
    private boolean sealSeen;
    private long expectedSeq = 1;
    private byte[] previousHash = AuditChain.genesis();
    private long checked;
    private boolean anchorSeen;
    private Long brokenSeq;
    private Reason reason;

    /** The stored seal of the log (null when there is none), and whether its MAC verifies. */
    record StoredSeal(long seq, byte[] hash, boolean authentic) {
    }

    /** A verifier for a log that has no seal (an empty one, say). */
    ChainVerifier(AuditAnchor anchor) {
        this(anchor, null);
    }

    ChainVerifier(AuditAnchor anchor, StoredSeal seal) {
        this.anchor = anchor;
        this.seal = seal;
        if (anchor != null && anchor.seq() == 0) {
            anchorSeen = true;
            if (!MessageDigest.isEqual(anchor.hashBytes(), AuditChain.genesis())) {
                fail(0, Reason.ANCHOR_MISMATCH);
            }
        }
    }

    /** Checks the next entry; false once the chain is broken (further entries are not looked at). */
    boolean accept(AuditEntry entry) {
        if (isBroken()) {
            return false;
        }
        if (entry.seq() != expectedSeq) {
            return fail(expectedSeq, Reason.SEQ_GAP);
        }
        if (!MessageDigest.isEqual(entry.prevHash(), previousHash)) {
            return fail(entry.seq(), Reason.PREV_HASH_MISMATCH);
        }
        byte[] stored = entry.hash();
        if (!MessageDigest.isEqual(entry.computeHash(), stored)) {
            return fail(entry.seq(), Reason.HASH_MISMATCH);
        }
        if (anchor != null && entry.seq() == anchor.seq()) {
            anchorSeen = true;
            if (!MessageDigest.isEqual(stored, anchor.hashBytes())) {
                return fail(entry.seq(), Reason.ANCHOR_MISMATCH);
            }
        }
        if (seal != null && entry.seq() == seal.seq()) {
            sealSeen = true;
            if (!seal.authentic() || !MessageDigest.isEqual(stored, seal.hash())) {
                return fail(entry.seq(), Reason.SEAL_MISMATCH);
            }
        }
        checked++;
        expectedSeq++;
        previousHash = stored;
        return true;
    }

    boolean isBroken() {
        return reason != null;
    }

    /** The outcome, once every entry has been offered (or the chain broke). */
    AuditVerification result(AuditHead head) {
        if (!isBroken() && anchor != null && !anchorSeen) {
            fail(expectedSeq, Reason.ANCHOR_MISSING);
        }
        if (!isBroken() && seal == null && checked > 0) {
            fail(head.seq(), Reason.SEAL_MISSING);
        }
        if (!isBroken() && seal != null && !sealSeen) {
            fail(seal.seq(), Reason.SEAL_MISMATCH);
        }
        return isBroken()
                ? AuditVerification.broken(checked, brokenSeq, reason, head)
                : AuditVerification.intact(checked, head);
    }

    private boolean fail(long seq, Reason why) {
        brokenSeq = seq;
        reason = why;
        return false;
    }
}
