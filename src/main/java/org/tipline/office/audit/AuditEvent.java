package org.tipline.office.audit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.TipReference;

/**
 * What happened, as the code that did it reports it to {@link AuditService#append}.
 * It describes a reviewer's action. It never holds tip plaintext, a passphrase, a key or
 * anything identifying a tipster.
 *
 * @param actor        the reviewer's username (1 to 200 characters)
 * @param action       what the reviewer did, such as {@link AuditAction#TIP_READ}; the log stores
 *                     and hashes its label ({@code tip.read})
 * @param tipReference the tip concerned, as {@code TIP-XXXX-XXXX-XXXX-XXXX}, or null
 * @param purpose      the reason the reviewer gave, free text of at most 500 characters, or null
 * @param detail       a few names and short values (at most 16 entries; names match
 *                     {@value #DETAIL_NAME_FORM}, values at most 200 characters), or null.
 *                     Ids and field names, never content.
 */
public record AuditEvent(String actor, AuditAction action, String tipReference, String purpose,
        Map<String, String> detail) {

    public static final int MAX_ACTOR = 200;
    public static final int MAX_PURPOSE = 500;
    public static final int MAX_DETAIL_ENTRIES = 16;
    public static final int MAX_DETAIL_VALUE = 200;
    public static final String DETAIL_NAME_FORM = "[A-Za-z][A-Za-z0-9_.-]{0,63}";
    private static final Pattern DETAIL_NAME = Pattern.compile(DETAIL_NAME_FORM);

    /**
     * Checks the event. The fields the calling code chooses (actor, action, tip reference,
     * detail) throw {@link IllegalArgumentException}: a wrong one is a bug. The purpose is
     * what a reviewer typed, so a wrong one throws a {@link InvalidField} naming the
     * field {@code purpose}, which the REST layer answers with 400.
     */
    public AuditEvent {
        requireText("actor", actor, MAX_ACTOR);
        if (actor.isBlank()) {
            throw new IllegalArgumentException("actor must not be blank");
        }
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        if (tipReference != null && !TipReference.FORMAT.matcher(tipReference).matches()) {
            throw new IllegalArgumentException("tipReference must be a canonical tip reference");
        }
        if (purpose != null && (purpose.length() > MAX_PURPOSE || !storable(purpose))) {
            throw new InvalidField("purpose",
                    "must be at most " + MAX_PURPOSE + " characters of text, without NUL characters");
        }
        if (detail != null) {
            if (detail.size() > MAX_DETAIL_ENTRIES) {
                throw new IllegalArgumentException("detail has more than " + MAX_DETAIL_ENTRIES + " entries");
            }
            TreeMap<String, String> copy = new TreeMap<>();
            for (Map.Entry<String, String> entry : detail.entrySet()) {
                if (entry.getKey() == null || !DETAIL_NAME.matcher(entry.getKey()).matches()) {
                    throw new IllegalArgumentException("detail names must match " + DETAIL_NAME_FORM);
                }
                requireText("detail value", entry.getValue(), MAX_DETAIL_VALUE);
                copy.put(entry.getKey(), entry.getValue());
            }
            detail = Collections.unmodifiableMap(copy);
        }
    }

    /** An event without tip, purpose or detail, such as a login. */
    public static AuditEvent of(String actor, AuditAction action) {
        return new AuditEvent(actor, action, null, null, null);
    }

    /** Leaves out the purpose and the detail, which a log line does not need. */
    @Override
    public String toString() {
        return "AuditEvent[action=" + action.label() + ", tip=" + (tipReference != null) + "]";
    }

    private static void requireText(String name, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        if (!storable(value)) {
            throw new IllegalArgumentException(name + " holds a NUL character or a lone surrogate");
        }
    }

    /** PostgreSQL text cannot hold NUL, and a lone surrogate has no UTF-8 form. */
    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
