package org.tipline.office.audit;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A head exported earlier and kept outside tipline (printed, mailed to the board, committed
 * elsewhere). Verification fails unless the log still holds exactly this entry, which is
 * what catches a deleted or rewritten tail.
 *
 * @param seq  the entry's sequence number, 0 or more (0 is the empty log)
 * @param hash its hash, 64 hex digits (stored in lower case)
 */
public record AuditAnchor(long seq, String hash) {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    public AuditAnchor {
        if (seq < 0) {
            throw new IllegalArgumentException("an anchor's seq is 0 or more");
        }
        if (hash == null || !HEX_SHA256.matcher(hash).matches()) {
            throw new IllegalArgumentException("an anchor's hash is 64 hex digits");
        }
        hash = hash.toLowerCase(Locale.ROOT);
    }

    public static boolean isHash(String text) {
        return text != null && HEX_SHA256.matcher(text).matches();
    }

    byte[] hashBytes() {
        return AuditChain.unhex(hash);
    }
}
