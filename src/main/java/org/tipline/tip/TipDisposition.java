package org.tipline.tip;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a tip turned out, as the office records it. Each constant carries the text stored in
 * {@code tip.disposition} (the {@code tip_disposition_known} check of V2) and shown by the API.
 */
public enum TipDisposition {
    ARREST("arrest"),
    RECOVERED_PROPERTY("recovered-property"),
    CLEARED("cleared"),
    UNFOUNDED("unfounded");

    private final String label;

    TipDisposition(String label) {
        this.label = label;
    }

    /** The stored and shown text. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The disposition with this label, or null. */
    public static TipDisposition fromLabel(String label) {
        for (TipDisposition disposition : values()) {
            if (disposition.label.equals(label)) {
                return disposition;
            }
        }
        return null;
    }
}
