package org.tipline.tip;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Codes that people write down, read out and type back: a prefix and 16 symbols of
 * Crockford base32 (no I, L, O or U, so nothing reads as another letter) in four groups of
 * four, such as {@code TIP-7KQ3-9XHD-M2PF-4RTA}. The 16 symbols carry 80 bits from a CSPRNG.
 * Tip references and reward payout codes are such codes.
 */
public final class ReadableCode {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int RANDOM_BYTES = 10; // 80 bits = 16 base32 symbols
    static final int SYMBOLS = 16;

    private ReadableCode() {
    }

    /** The canonical form of codes with this prefix. */
    public static Pattern format(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "(-[0-9A-HJKMNP-TV-Z]{4}){4}");
    }

    /** A new code: the prefix and 80 bits from {@code random}. */
    public static String next(String prefix, SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        StringBuilder out = new StringBuilder(prefix);
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (written % 4 == 0) {
                    out.append('-');
                }
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
                written++;
            }
        }
        return out.toString();
    }

    /** An upper-case symbol as typed, with the Crockford confusables read as they are meant: O as 0, I and L as 1. */
    public static char symbol(char typed) {
        return switch (typed) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            default -> typed;
        };
    }

    /**
     * The canonical code for 16 symbols already read with {@link #symbol}, grouped by four
     * after the prefix; null when they are not 16 symbols of the alphabet.
     */
    public static String canonical(String prefix, Pattern format, CharSequence symbols) {
        if (symbols.length() != SYMBOLS) {
            return null;
        }
        String code = prefix + "-" + symbols.subSequence(0, 4) + "-" + symbols.subSequence(4, 8) + "-"
                + symbols.subSequence(8, 12) + "-" + symbols.subSequence(12, 16);
        return format.matcher(code).matches() ? code : null;
    }
}
