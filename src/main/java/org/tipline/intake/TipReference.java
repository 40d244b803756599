package org.tipline.intake;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Tip references: {@code TIP-XXXX-XXXX-XXXX-XXXX}, 16 characters of Crockford base32
 * (no I, L, O or U, so nothing reads as another letter) carrying 80 bits from a CSPRNG.
 * A reference says nothing about time or order.
 */
public final class TipReference {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int RANDOM_BYTES = 10; // 80 bits = 16 base32 characters
    public static final Pattern FORMAT = Pattern.compile("TIP(-[0-9A-HJKMNP-TV-Z]{4}){4}");

    private final SecureRandom random;

    public TipReference(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        StringBuilder out = new StringBuilder("TIP");
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
        if (upper.startsWith("TIP")) {
            upper = upper.substring(3);
        }
        for (char c : upper.toCharArray()) {
            if (c == '-' || c == ' ') {
                continue;
            }
            char symbol = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            symbols.append(symbol);
        }
        if (symbols.length() != 16) {
            return null;
        }
        String canonical = "TIP-" + symbols.substring(0, 4) + "-" + symbols.substring(4, 8)
                + "-" + symbols.substring(8, 12) + "-" + symbols.substring(12, 16);
        return FORMAT.matcher(canonical).matches() ? canonical : null;
    }
}
