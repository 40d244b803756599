package org.tipline.platform.refusal;

/**
 * A sealed submission (a tip a front end sealed itself) refused before anything was stored:
 * its envelope's form, the office key it names, or its binding. Nothing was written and no
 * expensive work was done.
 */
public final class SealedTipRefused extends Refusal {

    /** Why the sealed tip was refused; each has its own problem type. */
    public enum Reason {
        /** A field of the envelope that is not of the sealed format: base64, a length, the version, an id. */
        MALFORMED,
        /** The sealed tip is longer than the format allows. */
        TOO_LARGE,
        /** A ciphertext sealed to a key other than the office's primary key. */
        KEY_UNKNOWN,
        /** No binding, a token that is not one of ours, or a binding for another tip id or reference. */
        BINDING_INVALID,
        /** The binding token's time is up. */
        BINDING_EXPIRED,
        /** The binding's tip id or reference was used before. */
        BINDING_REPLAYED
    }

    private final Reason reason;

    public SealedTipRefused(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
