package org.tipline.office.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.TipReference;

/**
 * Reads the audit API's query parameters. A bad value gets a 400 naming the parameter,
 * never repeating the value.
 */
final class AuditQuery {

    static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PARAMETER_LENGTH = 64;
    /** The form of a stored action: the {@code audit_entry_action_form} check of V3. */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");
    /** As long as a stored actor may be (the {@code audit_entry_actor_length} check of V3). */
    private static final int MAX_ACTOR_LENGTH = 200;

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

    /** An actor's name, matched exactly; null when absent. */
    static String actor(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_ACTOR_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidField("actor", "must be a username of at most " + MAX_ACTOR_LENGTH + " characters");
        }
        return value;
    }

    /** An action's label ({@code tip.read}), matched exactly; null when absent. */
    static String action(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_PARAMETER_LENGTH || !ACTION.matcher(value).matches()) {
            throw new InvalidField("action", "must be an action such as tip.read");
        }
        return value;
    }

    /** A tip reference as typed, in canonical form; null when absent. */
    static String tipReference(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String reference = TipReference.normalize(value);
        if (reference == null) {
            throw new InvalidField("tipReference", "must be a tip reference: TIP- and four groups of four letters or digits");
        }
        return reference;
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
