package org.tipline.platform.refusal;

/**
 * A request refused for a reason of the domain: nothing there, a field that breaks a rule,
 * a state that forbids it, a failed sign-in, too many attempts, too much work. Services say
 * why in words for the front-end developer or the office user, never repeating a value the
 * client sent; {@code platform/problem} alone decides the HTTP status, the problem document
 * and headers such as {@code WWW-Authenticate} and {@code Retry-After}. Carries no stack
 * trace: a refusal is an answer, not a fault.
 */
public abstract sealed class Refusal extends RuntimeException
        permits NotFound, InvalidField, Conflict, SignInFailed, TooManyAttempts, Busy, ProofRefused, QuotaSpent,
            ChannelKeyRefused, SealedTipRefused {

    protected Refusal(String detail) {
        super(detail, null, false, false);
    }

    /** What went wrong, in words for the person reading the answer. */
    public String detail() {
        return getMessage();
    }
}
