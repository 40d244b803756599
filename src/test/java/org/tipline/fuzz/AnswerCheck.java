package org.tipline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;

/**
 * What every answer must look like. No 5xx, ever. An error is an RFC 9457 problem document
 * ({@code application/problem+json}, its {@code status} the HTTP status, its {@code type}
 * under {@code /problems/}) with one of the documented statuses, that repeats no input and
 * shows no stack trace. A 2xx only for a request that may be valid. Codec-level refusals,
 * which tipline cannot shape, have exactly their documented status and an empty body.
 */
final class AnswerCheck {

    // 417: the HTTP codec's answer to an Expect header other than 100-continue.
    static final Set<Integer> ERROR_STATUSES = Set.of(400, 401, 403, 404, 405, 406, 409, 413, 415, 417, 429, 431);

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnswerCheck() {
    }

    /** Null when the answer is right for the case, else what is wrong with it. */
    static String problemWith(FuzzCase fuzzCase, RawHttp.Answer answer) {
        int status = answer.status();
        if (fuzzCase.expected() instanceof FuzzCase.CodecRefusal codec) {
            if (status != codec.status()) {
                return "expected the codec's " + codec.status() + ", got " + status;
            }
            return answer.body().length == 0 ? null : "a codec refusal with a body";
        }
        if (fuzzCase.expected() instanceof FuzzCase.Dropped) {
            // The codec usually closes before anything is sent; a refusal that gets out first is fine too.
            return ERROR_STATUSES.contains(status) ? null : "answered " + status + " to a broken chunked body";
        }
        if (status >= 500) {
            return "server error " + status;
        }
        if (status >= 200 && status < 300) {
            return fuzzCase.expected() instanceof FuzzCase.Refused ? "accepted (" + status + ") a request that breaks the contract" : null;
        }
        if (!ERROR_STATUSES.contains(status)) {
            return "undocumented status " + status;
        }
        return problemDocumentFault(answer, fuzzCase.head());
    }

    private static String problemDocumentFault(RawHttp.Answer answer, boolean head) {
        String type = answer.header("content-type");
        if (type == null || !type.startsWith("application/problem+json")) {
            return "error " + answer.status() + " without application/problem+json (Content-Type: " + type + ", "
                    + answer.body().length + " body bytes)";
        }
        if (head) {
            return null;
        }
        String text = answer.bodyText();
        if (text.contains(Hostile.MARKER)) {
            return "the error answer repeats input";
        }
        if (text.contains("Exception") || text.contains("\tat ") || text.contains("at org.") || text.contains("at io.")) {
            return "the error answer shows a stack trace or exception";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status()) {
                return "problem status " + problem.path("status") + " differs from HTTP " + answer.status();
            }
            if (!problem.path("type").asText().startsWith("/problems/")) {
                return "problem without a /problems/ type";
            }
        } catch (java.io.IOException e) {
            return "problem+json body that is not JSON";
        }
        return null;
    }
}
