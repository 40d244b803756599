package org.tipline.office.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of audit entries, oldest first. */
@Schema(name = "AuditPage", description = "One page of audit entries, oldest first")
public record AuditPage(
        @Schema(description = "The page number, from 0")
        int page,
        @Schema(description = "The page size asked for")
        int size,
        @Schema(description = "The entries, in seq order")
        List<AuditEntryView> entries,
        @Schema(description = "Whether another page follows (page + 1)")
        boolean more) {
}
