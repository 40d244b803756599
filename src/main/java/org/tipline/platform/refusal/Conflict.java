package org.tipline.platform.refusal;

/** The request is well formed but the record's state does not allow it (a closed conversation, a record that no longer opens). */
public final class Conflict extends Refusal {

    public Conflict(String detail) {
        super(detail);
    }
}
