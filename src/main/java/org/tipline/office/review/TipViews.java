package org.tipline.office.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.tip.Tip;
import org.tipline.tip.TipDisposition;
import org.tipline.tip.TipStatus;

/** What the review API answers with. */
public final class TipViews {

    private TipViews() {
    }

    /** A tip's metadata: nothing decrypted. */
    @Schema(name = "TipSummary")
    public record TipSummary(String reference, String program,
            @Schema(description = "The front end the tip came through; null for tips older than channels")
            String channel, String category,
            @Schema(description = "Truncated to the configured granularity (an hour by default)") Instant receivedAt,
            @Schema(implementation = String.class) TipStatus status, String assignee, String assignedUnit,
            @Schema(implementation = String.class) TipDisposition disposition) {

        static TipSummary of(Tip tip) {
            return new TipSummary(tip.reference, tip.program, tip.channel, tip.category, tip.receivedAt, tip.status, tip.assignee,
                    tip.assignedUnit, tip.disposition);
        }
    }

    @Schema(name = "TipPage")
    public record TipPage(List<TipSummary> items, int page, int size,
            @Schema(description = "True when a further page exists") boolean more,
            @Schema(description = "Pass as 'cursor' to get the next page; present when 'more' is true")
            String nextCursor) {
    }

    /** A decrypted tip. Reading one writes an audit entry first. */
    @Schema(name = "TipContent")
    public record TipContent(TipSummary tip, String description, String location, String occurredAt,
            String language, Map<String, String> details,
            @Schema(description = "In a page read: 'undecryptable' when this tip cannot be opened with the office "
                    + "keyset (altered, or its key destroyed); absent otherwise") String problem) {
    }

    @Schema(name = "TipContentPage")
    public record TipContentPage(List<TipContent> items, int page, int size,
            @Schema(description = "True when a further page exists") boolean more,
            @Schema(description = "Pass as 'cursor' to get the next page; present when 'more' is true")
            String nextCursor) {
    }

    /** An investigator's note, decrypted. */
    @Schema(name = "Note")
    public record NoteView(String id, String author, Instant createdAt, String text) {
    }

    /** Changes to a tip; absent fields stay as they are. */
    @Schema(name = "TipUpdate")
    public record TipUpdate(
            @Schema(enumeration = {"new", "triaged", "assigned", "forwarded", "actioned", "closed", "spam"})
            String status,
            @Schema(description = "A reviewer's username (coordinators only); empty string clears it") String assignee,
            @Schema(description = "A unit name (coordinators only); empty string clears it") String assignedUnit,
            @Schema(enumeration = {"arrest", "recovered-property", "cleared", "unfounded"}) String disposition) {
    }

    @Schema(name = "NewNote")
    public record NewNote(
            @jakarta.validation.constraints.NotBlank @jakarta.validation.constraints.Size(max = 10_000) String text) {
    }
}
