package org.tipline.tip;

import jakarta.persistence.AttributeConverter;
import java.util.function.Function;

/**
 * Stores an enum as its label, the exact text the column held when it was a string, so no row
 * changes. Not {@code @Enumerated(STRING)}: that stores the constant's name ({@code RECOVERED_PROPERTY}),
 * not the label ({@code recovered-property}).
 */
public abstract class LabelConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Function<E, String> label;
    private final Function<String, E> fromLabel;
    private final String column;

    /** @param column table.column, for the message when a row holds text no constant has */
    protected LabelConverter(Function<E, String> label, Function<String, E> fromLabel, String column) {
        this.label = label;
        this.fromLabel = fromLabel;
        this.column = column;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : label.apply(value);
    }

    /**
     * The constant for the stored text. The column's check constraint admits only the labels,
     * so unknown text means the schema and the code disagree: that fails loudly, never as null.
     */
    @Override
    public E convertToEntityAttribute(String stored) {
        if (stored == null) {
            return null;
        }
        E value = fromLabel.apply(stored);
        if (value == null) {
            throw new IllegalStateException(column + " holds a value that tipline does not know");
        }
        return value;
    }
}
