package org.tipline.tipster.intake;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.tip.TipPlaintext;

/** A tip as a front end posts it to {@code POST /api/v1/tips}. Unknown fields are refused. */
@Schema(name = "TipSubmission", description = "A tip. Everything but the category is encrypted to the office key "
        + "before it is stored.")
public record TipSubmission(

        @Schema(required = true, description = "One of the program's categories (see the 400 answer for the list)",
                examples = "drugs")
        @NotNull @Size(min = 1, max = 64)
        String category,

        @Schema(required = true, description = "What the tipster wants to report, 1 to 20,000 characters",
                minLength = 1, maxLength = 20_000)
        @NotBlank @Size(min = 1, max = 20_000)
        String description,

        @Schema(description = "Where it happened, as the tipster describes it", maxLength = 1_000)
        @Size(max = 1_000)
        String location,

        @Schema(description = "When it happened, as an ISO-8601 date or date-time, kept exactly as given "
                + "(for example 2026-11-20, 2026-11-20T21:30 or 2026-11-20T21:30:00-05:00)",
                examples = "2026-11-20T21:30")
        @Size(max = 64)
        String occurredAt,

        @Schema(description = "The tipster's language, a BCP 47 tag", examples = "en")
        @Size(max = 35)
        @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
        String language,

        @Schema(description = "Answers to the front end's own questionnaire: at most 50 fields, "
                + "names up to 100 and values up to 4,000 characters, and at most 20,000 characters of values in all")
        @Size(max = 50)
        Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 4_000) String> details) {

    /** The most characters the questionnaire's values may hold together. */
    static final int MAX_DETAILS_TEXT = 20_000;

    /** The characters of all questionnaire values together (UTF-16 code units, as the limits count). */
    int detailsText() {
        return details == null ? 0 : details.values().stream().mapToInt(value -> value == null ? 0 : value.length()).sum();
    }

    /** The whole tip as it is sealed to the office key (public for bench/loadgen/SeedTips.java, which seeds tips as intake would). */
    public TipPlaintext plaintext(int formatVersion) {
        Map<String, String> sorted = details == null || details.isEmpty() ? null : new TreeMap<>(details);
        return new TipPlaintext(formatVersion, category, description, location, occurredAt, language, sorted);
    }
}
