package org.tipline.office.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.tipline.platform.refusal.InvalidField;

/**
 * Reads the audit API's query parameters. A bad value gets a 400 naming the parameter,
 * never repeating the value.
 */
final class AuditQuery {

    static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PARAMETER_LENGTH = 64;

    private AuditQuery() {
    }

    /** An ISO-8601 date-time with an offset ({@code 2026-01-31T09:30:00Z}), or a date (its start, UTC). */
    static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() <= MAX_PARAMETER_LENGTH) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                // try a date next
            }
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw new InvalidField(name,
                "must be an ISO-8601 date-time with an offset, such as 2026-01-31T09:30:00Z, or a date such as 2026-01-31");
    }

    /** A whole number from {@code min} up, or {@code fallback} when absent. */
    static int integer(String name, String value, int min, int max, int fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        long parsed = parseLong(name, value, "must be a whole number from " + min + " to " + max);
        if (parsed < min || parsed > max) {
            throw new InvalidField(name, "must be a whole number from " + min + " to " + max);
        }
        return (int) parsed;
    }

    /** The anchor of a verification: both parameters or neither. */
    static AuditAnchor anchor(String seq, String hash) {
        boolean hasSeq = seq != null && !seq.isEmpty();
        boolean hasHash = hash != null && !hash.isEmpty();
        if (!hasSeq && !hasHash) {
            return null;
        }
        if (!hasSeq) {
            throw new InvalidField("anchorSeq", "is required with anchorHash");
        }
        if (!hasHash) {
            throw new InvalidField("anchorHash", "is required with anchorSeq");
        }
        long anchorSeq = parseLong("anchorSeq", seq, "must be a whole number, 0 or more");
        if (anchorSeq < 0) {
            throw new InvalidField("anchorSeq", "must be a whole number, 0 or more");
        }
        if (!AuditAnchor.isHash(hash)) {
            throw new InvalidField("anchorHash", "must be 64 hex digits (a SHA-256 hash)");
        }
        return new AuditAnchor(anchorSeq, hash);
    }

    private static long parseLong(String name, String value, String reason) {
        if (value.length() > 19 || !value.matches("-?[0-9]+")) {
            throw new InvalidField(name, reason);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidField(name, reason);
        }
    }
}
