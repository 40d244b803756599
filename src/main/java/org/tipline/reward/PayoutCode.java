package org.tipline.reward;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one-time code a tipster quotes to collect a reward: {@code PAY-XXXX-XXXX-XXXX-XXXX},
 * 80 bits from the CSPRNG in Crockford base32, like a tip reference. Typed codes are
 * forgiving in the same way (case, dashes, spaces, O for 0, I and L for 1).
 */
public final class PayoutCode {

    static final Pattern FORMAT = Pattern.compile("PAY-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private PayoutCode() {
    }

    public static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder("PAY");
        for (int group = 0; group < 4; group++) {
            code.append('-');
            for (int i = 0; i < 4; i++) {
                code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
            }
        }
        return code.toString();
    }

    /** The canonical form of a typed code, or null when it cannot be one. */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "")
                .replace('O', '0').replace('I', '1').replace('L', '1');
        if (compact.startsWith("PAY")) {
            compact = compact.substring(3);
        }
        if (compact.length() != 16) {
            return null;
        }
        String canonical = "PAY-" + compact.substring(0, 4) + "-" + compact.substring(4, 8) + "-"
                + compact.substring(8, 12) + "-" + compact.substring(12, 16);
        return FORMAT.matcher(canonical).matches() ? canonical : null;
    }
}
