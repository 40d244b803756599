package org.tipline.tipster.page;

/**
 * The page's form as the browser posts it without JavaScript. Its fields are the tip itself:
 * never logged ({@link #toString()} names none), only put back into the form the tipster sees
 * when it must be corrected.
 */
public record TipForm(String category, String description, String location, String date, String time) {

    public TipForm {
        category = blankToNull(category);
        description = description == null ? "" : description;
        location = blankToNull(location);
        date = blankToNull(date);
        time = blankToNull(time);
    }

    /** An empty form. */
    public static TipForm empty() {
        return new TipForm(null, "", null, null, null);
    }

    /** The date and time as the API's {@code occurredAt}: {@code 2026-11-20}, {@code 2026-11-20T21:30}, or null. */
    String occurredAt() {
        if (date == null) {
            return null;
        }
        return time == null ? date : date + "T" + time;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "TipForm[redacted]";
    }
}
