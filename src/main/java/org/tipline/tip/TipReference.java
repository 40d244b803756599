package org.tipline.tip;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Tip references: {@code TIP-XXXX-XXXX-XXXX-XXXX}, a {@link ReadableCode} carrying 80 bits
 * from a CSPRNG. A reference says nothing about time or order.
 */
public final class TipReference {

    private static final String PREFIX = "TIP";
    public static final Pattern FORMAT = ReadableCode.format(PREFIX);

    private final SecureRandom random;

    public TipReference(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        return ReadableCode.next(PREFIX, random);
    }

    /**
     * A reference as a tipster types it back, in canonical form: upper case, with the
     * Crockford confusables O→0 and I, L→1, and dashes and spaces regrouped. Null when the
     * input cannot be a reference.
     */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 40) {
            return null;
        }
        StringBuilder symbols = new StringBuilder(16);
        String upper = typed.toUpperCase(java.util.Locale.ROOT).strip();
        if (upper.startsWith(PREFIX)) {
            upper = upper.substring(PREFIX.length());
        }
        for (char c : upper.toCharArray()) {
            if (c != '-' && c != ' ') {
                symbols.append(ReadableCode.symbol(c));
            }
        }
        return ReadableCode.canonical(PREFIX, FORMAT, symbols);
    }
}
