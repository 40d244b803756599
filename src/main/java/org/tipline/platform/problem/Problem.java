package org.tipline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document, the body of every error tipline sends. It names fields
 * but never repeats a value the client sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "A URI reference naming the kind of problem", examples = "/problems/invalid-field")
        String type,
        @Schema(description = "Short summary of the kind of problem")
        String title,
        @Schema(description = "The HTTP status")
        int status,
        @Schema(description = "What went wrong, in words for the front-end developer")
        String detail,
        @Schema(description = "For 400 answers, the fields that were refused")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null);
    }

    public static Problem of(ProblemType type, String detail, List<FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, errors.isEmpty() ? null : errors);
    }

    /** A refused field: its name in the tip schema, and the rule it broke. */
    public record FieldError(String field, String reason) {
    }
}
