package org.tipline.office.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The newest entry of the audit log: what an operator exports and keeps outside tipline,
 * to check later with {@link AuditService#verify(AuditAnchor)} that the log still holds it.
 * An empty log has seq 0, the genesis hash (64 zeros) and no time.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditHead", description = "The newest entry of the audit log")
public record AuditHead(
        @Schema(description = "Its sequence number; 0 when the log is empty", examples = "1234")
        long seq,
        @Schema(description = "Its SHA-256 chain hash, 64 lower-case hex digits")
        String hash,
        @Schema(description = "When it was written (absent when the log is empty)")
        Instant at,
        @Schema(description = "The review process's MAC over its seq and hash, 64 lower-case hex digits, under a key "
                + "only the office private keyset gives; absent when the command line wrote the newest entry")
        String seal) {

    public AuditHead(long seq, String hash, Instant at) {
        this(seq, hash, at, null);
    }

    public static AuditHead empty() {
        return new AuditHead(0, AuditChain.hex(AuditChain.genesis()), null, null);
    }

    static AuditHead of(AuditEntry entry, byte[] seal) {
        return new AuditHead(entry.seq(), entry.hashHex(), entry.at(), seal == null ? null : AuditChain.hex(seal));
    }

    /** This head as an anchor, for a later {@link AuditService#verify(AuditAnchor)}. */
    public AuditAnchor anchor() {
        return new AuditAnchor(seq, hash);
    }
}
