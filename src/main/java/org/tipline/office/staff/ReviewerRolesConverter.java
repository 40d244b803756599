package org.tipline.office.staff;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;

/**
 * Stores an account's roles as the text array of their labels in {@code reviewer.roles}, in
 * the order given, exactly as when the column was written from strings.
 */
@Converter
public class ReviewerRolesConverter implements AttributeConverter<ReviewerRole[], String[]> {

    @Override
    public String[] convertToDatabaseColumn(ReviewerRole[] roles) {
        return roles == null ? null : Arrays.stream(roles).map(ReviewerRole::label).toArray(String[]::new);
    }

    /** The check constraint admits only the four labels; anything else means schema and code disagree. */
    @Override
    public ReviewerRole[] convertToEntityAttribute(String[] labels) {
        if (labels == null) {
            return null;
        }
        return Arrays.stream(labels).map(label -> {
            ReviewerRole role = ReviewerRole.fromLabel(label);
            if (role == null) {
                throw new IllegalStateException("reviewer.roles holds a role that tipline does not know");
            }
            return role;
        }).toArray(ReviewerRole[]::new);
    }
}
