package org.tipline.platform.refusal;

/** Nothing there, or nothing the caller may know of: both are answered alike. */
public final class NotFound extends Refusal {

    public NotFound() {
        super("There is nothing at this path.");
    }

    /** Something more specific than the path is missing, such as a reward not yet recorded. */
    public NotFound(String detail) {
        super(detail);
    }
}
