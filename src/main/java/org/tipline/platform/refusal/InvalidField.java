package org.tipline.platform.refusal;

/** One field of a request breaks a rule. Names the field and the rule, never the value. */
public final class InvalidField extends Refusal {

    private final String field;
    private final String reason;

    /**
     * @param field  the field's name in the request's schema
     * @param reason the rule it broke, as a predicate: "must be one of a, b, c"
     */
    public InvalidField(String field, String reason) {
        super("The field '" + field + "' " + reason + ".");
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
