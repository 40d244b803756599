package org.tipline.office.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The outcome of recomputing the audit chain.
 *
 * @param ok        true when every entry is intact and in place (and the anchor, if given, is held)
 * @param checked   how many entries were found intact, in seq order, before the first break
 *                  (all of them when ok)
 * @param brokenSeq the seq at which the chain breaks: the altered or moved entry, the missing
 *                  number of a gap, or the anchor's seq; absent when ok
 * @param reason    why it breaks; absent when ok
 * @param head      the newest entry as stored, whether or not the chain holds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditVerification", description = "The outcome of recomputing the audit chain")
public record AuditVerification(
        @Schema(description = "True when every entry is intact and in place, and the anchor (if given) is held")
        boolean ok,
        @Schema(description = "Entries found intact, in order, before the first break (all of them when ok)")
        long checked,
        @Schema(description = "Where the chain breaks; absent when ok")
        Long brokenSeq,
        @Schema(description = "Why it breaks; absent when ok")
        Reason reason,
        @Schema(description = "The newest entry as stored")
        AuditHead head) {

    static AuditVerification intact(long checked, AuditHead head) {
        return new AuditVerification(true, checked, null, null, head);
    }

    static AuditVerification broken(long checked, long brokenSeq, Reason reason, AuditHead head) {
        return new AuditVerification(false, checked, brokenSeq, reason, head);
    }

    /** Why a chain breaks at an entry. */
    @Schema(name = "AuditBreak", enumeration = {"hash-mismatch", "prev-hash-mismatch", "seq-gap", "anchor-mismatch",
            "anchor-missing", "seal-mismatch", "seal-missing"})
    public enum Reason {
        /** The entry's fields do not hash to its stored hash: the entry was altered. */
        HASH_MISMATCH("hash-mismatch"),
        /** The entry's prev_hash is not the hash of the entry before it: an entry was altered, moved or replaced. */
        PREV_HASH_MISMATCH("prev-hash-mismatch"),
        /** The next number is missing (or out of place): an entry was deleted or renumbered. */
        SEQ_GAP("seq-gap"),
        /** The log holds an entry with the anchor's seq, but with another hash: the log was rewritten. */
        ANCHOR_MISMATCH("anchor-mismatch"),
        /** The log ends before the anchor's seq: its tail was deleted. brokenSeq is the first missing number. */
        ANCHOR_MISSING("anchor-missing"),
        /**
         * The seal, the MAC that the review process keeps over the newest entry it wrote, does
         * not verify, or names an entry the log no longer holds: the log was rewritten (and its
         * chain recomputed) by someone without the office key. brokenSeq is the sealed seq.
         */
        SEAL_MISMATCH("seal-mismatch"),
        /** The log holds entries but no seal: the seal was deleted. brokenSeq is the head's seq. */
        SEAL_MISSING("seal-missing");

        private final String slug;

        Reason(String slug) {
            this.slug = slug;
        }

        @JsonValue
        public String slug() {
            return slug;
        }
    }
}
