package org.tipline.platform.refusal;

/** Credentials that open nothing. Says nothing about which part was wrong. */
public final class SignInFailed extends Refusal {

    /** Who was signing in: it decides how the answer asks for credentials again. */
    public enum Who {
        /** A tipster with a tip reference and passphrase, or a tipster session token. */
        TIPSTER,
        /** Office staff with username, password and one-time code. */
        OFFICE
    }

    /** The HTTP authentication scheme of tipster credentials: {@code Authorization: Tipster <base64(reference:passphrase)>}. */
    public static final String TIPSTER_SCHEME = "Tipster";

    private final Who who;

    public SignInFailed(Who who, String detail) {
        super(detail);
        this.who = who;
    }

    public Who who() {
        return who;
    }
}
