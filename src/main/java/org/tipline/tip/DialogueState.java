package org.tipline.tip;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether a tip's conversation takes messages: a coordinator may close it and reopen it. Each
 * constant carries the text stored in {@code tip.dialogue_state} (the {@code tip_dialogue_state_known}
 * check of V5) and shown to both sides.
 */
public enum DialogueState {
    OPEN("open"),
    CLOSED("closed");

    private final String label;

    DialogueState(String label) {
        this.label = label;
    }

    /** The stored and shown text. */
    @JsonValue
    public String label() {
        return label;
    }

    /** The state with this label, or null. */
    public static DialogueState fromLabel(String label) {
        for (DialogueState state : values()) {
            if (state.label.equals(label)) {
                return state;
            }
        }
        return null;
    }
}
