package org.tipline.office.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An audit entry as the audit API shows it: hashes in hex, the detail as a JSON object. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "AuditEntry", description = "One entry of the audit log")
public record AuditEntryView(
        @Schema(description = "Its place in the chain, from 1, without gaps")
        long seq,
        @Schema(description = "When it was written, to the microsecond")
        Instant at,
        @Schema(description = "The reviewer's username")
        String actor,
        @Schema(description = "What the reviewer did", examples = "tip.read")
        String action,
        @Schema(description = "The tip concerned, if any", examples = "TIP-7KQ3-9XHD-M2PF-4RTA")
        String tipReference,
        @Schema(description = "The reason the reviewer gave, if any")
        String purpose,
        @Schema(type = SchemaType.OBJECT, implementation = java.util.Map.class, description = "Names and short values describing the action, if any "
                + "(an object of strings; shown as stored)")
        JsonNode detail,
        @Schema(description = "The hash of the entry before it (64 zeros for the first), hex")
        String prevHash,
        @Schema(description = "SHA-256 over prevHash and this entry's canonical encoding, hex")
        String hash) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static AuditEntryView of(AuditEntry entry) {
        return new AuditEntryView(entry.seq(), entry.at(), entry.actor(), entry.action(), entry.tipReference(),
                entry.purpose(), detailOf(entry.detail()), entry.prevHashHex(), entry.hashHex());
    }

    private static JsonNode detailOf(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException e) {
            // Only possible if someone altered the row and its constraint; show what is there.
            return TextNode.valueOf(stored);
        }
    }
}
