package org.tipline.office.reward;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tipline.tip.ReadableCode;

/**
 * The one-time code a tipster quotes to collect a reward: {@code PAY-XXXX-XXXX-XXXX-XXXX},
 * a {@link ReadableCode} carrying 80 bits from the CSPRNG, like a tip reference. Typed codes are
 * forgiving in the same way (case, dashes, spaces, O for 0, I and L for 1).
 */
public final class PayoutCode {

    private static final String PREFIX = "PAY";
    static final Pattern FORMAT = ReadableCode.format(PREFIX);

    private PayoutCode() {
    }

    public static String generate(SecureRandom random) {
        return ReadableCode.next(PREFIX, random);
    }

    /** The canonical form of a typed code, or null when it cannot be one. */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (compact.startsWith(PREFIX)) {
            compact = compact.substring(PREFIX.length());
        }
        StringBuilder symbols = new StringBuilder(compact.length());
        for (char c : compact.toCharArray()) {
            symbols.append(ReadableCode.symbol(c));
        }
        return ReadableCode.canonical(PREFIX, FORMAT, symbols);
    }
}
