package org.tipline.platform.refusal;

/**
 * The request needed a solved proof-of-work challenge ({@code X-Tipline-Proof}) and did not
 * carry one that counts. Nothing was stored and no expensive work was done.
 */
public final class ProofRefused extends Refusal {

    /** Why the proof does not count; each has its own problem type. */
    public enum Reason {
        /** No {@code X-Tipline-Proof} header. */
        MISSING,
        /** Not a well-formed payload, a signature that is not ours, or a number that does not solve the challenge. */
        INVALID,
        /** The challenge's time is up (or its signing key has been retired). */
        EXPIRED,
        /** This challenge's solution was already used once. */
        REPLAYED,
        /** The challenge was issued at a difficulty below what is required now. */
        TOO_EASY
    }

    private final Reason reason;

    public ProofRefused(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
