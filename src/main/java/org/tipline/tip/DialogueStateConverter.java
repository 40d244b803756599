package org.tipline.tip;

import jakarta.persistence.Converter;

/** Stores a {@link DialogueState} as its label in {@code tip.dialogue_state}. */
@Converter
public class DialogueStateConverter extends LabelConverter<DialogueState> {

    public DialogueStateConverter() {
        super(DialogueState::label, DialogueState::fromLabel, "tip.dialogue_state");
    }
}
