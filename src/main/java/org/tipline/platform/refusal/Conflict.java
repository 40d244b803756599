package org.tipline.platform.refusal;

/** The request is well formed but the record's state does not allow it (a closed conversation, a record that no longer opens). */
public final class Conflict extends Refusal {

    /** Which conflict; each but {@link #GENERAL} has a problem type of its own. */
    public enum Kind {
        GENERAL,
        /** A tipster's sealed session used on an endpoint that needs the dialogue key on the server. */
        SEALED_SESSION,
        /** A sealed message whose number is not the next one (another message took it). */
        MESSAGE_NUMBER_TAKEN
    }

    private final Kind kind;

    public Conflict(String detail) {
        this(Kind.GENERAL, detail);
    }

    public Conflict(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
