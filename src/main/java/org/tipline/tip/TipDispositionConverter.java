package org.tipline.tip;

import jakarta.persistence.Converter;

/** Stores a {@link TipDisposition} as its label in {@code tip.disposition}; null stays null. */
@Converter
public class TipDispositionConverter extends LabelConverter<TipDisposition> {

    public TipDispositionConverter() {
        super(TipDisposition::label, TipDisposition::fromLabel, "tip.disposition");
    }
}
