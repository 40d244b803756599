package org.tipline.office.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.TipReference;

/**
 * Where the next page of a listing starts: after the tip with this received time and
 * reference, in the listing's order (newest first, then by reference). Opaque to clients;
 * built only from values the listing already shows. Unlike a page number, it costs the
 * same however deep the reader is, and tips arriving meanwhile do not shift it.
 */
public record TipCursor(Instant receivedAt, String reference) {

    public String encode() {
        String raw = "1|" + receivedAt.getEpochSecond() + "|" + reference;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor in {@code value}, or a 400 naming the {@code cursor} parameter. */
    public static TipCursor decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            String[] parts = raw.split("\\|", -1);
            if (parts.length == 3 && parts[0].equals("1") && TipReference.FORMAT.matcher(parts[2]).matches()) {
                return new TipCursor(Instant.ofEpochSecond(Long.parseLong(parts[1])), parts[2]);
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            // falls through to the refusal
        }
        throw new InvalidField("cursor", "must be a nextCursor value from a listing");
    }

    static TipCursor after(TipViews.TipSummary last) {
        return new TipCursor(last.receivedAt(), last.reference());
    }
}
