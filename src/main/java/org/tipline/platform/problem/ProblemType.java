package org.tipline.platform.problem;

/** Every kind of error tipline answers with; docs/api.md lists them for front-end developers. */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "The body is not valid JSON"),
    INVALID_FIELD(400, "invalid-field", "A field breaks the schema"),
    UNKNOWN_FIELD(400, "unknown-field", "The body has a field the schema does not know"),
    BAD_REQUEST(400, "bad-request", "The request cannot be read"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    CHANNEL_KEY(401, "channel-key", "Channel key refused"),
    FORBIDDEN(403, "forbidden", "Not allowed for this account"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    NOT_ACCEPTABLE(406, "not-acceptable", "No acceptable representation"),
    TOO_LARGE(413, "too-large", "The body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported content type"),
    CONFLICT(409, "conflict", "Conflict"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large"),
    INTERNAL(500, "internal", "Internal error"),
    STORAGE_UNAVAILABLE(503, "storage-unavailable", "Storage unavailable"),
    BUSY(503, "busy", "Too busy to take this request now"),
    PROOF_MISSING(400, "proof-missing", "A solved proof-of-work challenge is required"),
    PROOF_INVALID(400, "proof-invalid", "The proof-of-work is not a valid solution of a challenge from this service"),
    PROOF_EXPIRED(400, "proof-expired", "The proof-of-work challenge has expired"),
    PROOF_REPLAYED(400, "proof-replayed", "The proof-of-work was already used"),
    PROOF_TOO_EASY(400, "proof-too-easy", "The proof-of-work challenge is easier than now required"),
    QUOTA_SPENT(429, "quota-spent", "This front end's quota of tips is spent for now"),
    SEALED_MALFORMED(400, "sealed-malformed", "The sealed tip is not of the sealed format"),
    SEALED_TOO_LARGE(413, "sealed-too-large", "The sealed tip is larger than the sealed format allows"),
    SEALED_KEY_UNKNOWN(400, "sealed-key-unknown", "The sealed tip is not sealed to the office's primary key"),
    BINDING_INVALID(400, "binding-invalid", "The sealed tip's binding is missing or not one this service issued"),
    BINDING_EXPIRED(400, "binding-expired", "The sealed tip's binding has expired"),
    BINDING_REPLAYED(409, "binding-replayed", "The sealed tip's binding was already used"),
    SEALED_SESSION(409, "sealed-session", "A sealed session reads and answers through the sealed follow-up endpoints"),
    MESSAGE_NUMBER_TAKEN(409, "message-number-taken", "The message number is not the next one");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return "/problems/" + slug;
    }

    /** The last segment of {@link #uri()}, such as {@code invalid-field}. */
    public String slug() {
        return slug;
    }

    /** The type whose {@link #uri()} this is, or null. */
    public static ProblemType fromUri(String uri) {
        for (ProblemType type : values()) {
            if (type.uri().equals(uri)) {
                return type;
            }
        }
        return null;
    }

    /** The general problem type of an HTTP status, for failures that say no more than their status. */
    public static ProblemType forStatus(int status) {
        if (status == 400) {
            return BAD_REQUEST; // not one of the body-specific 400s: the request line or headers may be at fault
        }
        for (ProblemType type : values()) {
            if (type.status == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
