package org.tipline.tip;

import jakarta.persistence.Converter;

/** Stores a {@link TipStatus} as its label in {@code tip.status}. */
@Converter
public class TipStatusConverter extends LabelConverter<TipStatus> {

    public TipStatusConverter() {
        super(TipStatus::label, TipStatus::fromLabel, "tip.status");
    }
}
