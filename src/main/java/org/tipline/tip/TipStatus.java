package org.tipline.tip;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a tip stands in the office. Each constant carries the text stored in {@code tip.status}
 * (the {@code tip_status_known} check of V1) and shown by the API; the intake writes {@link #NEW}.
 */
public enum TipStatus {
    NEW("new"),
    TRIAGED("triaged"),
    ASSIGNED("assigned"),
    FORWARDED("forwarded"),
    ACTIONED("actioned"),
    CLOSED("closed"),
    SPAM("spam");

    private final String label;

    TipStatus(String label) {
        this.label = label;
    }

    /** The stored and shown text. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The status with this label, or null. */
    public static TipStatus fromLabel(String label) {
        for (TipStatus status : values()) {
            if (status.label.equals(label)) {
                return status;
            }
        }
        return null;
    }
}
