package org.tipline.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The raw material of hostile input: text that tries to forge log lines or break parsers,
 * numbers no parser should trust, encodings that are almost right. Every value carries
 * {@link #MARKER}, so an error answer that repeats input is easy to spot.
 */
final class Hostile {

    /** Put into every generated value; no error answer may contain it. */
    static final String MARKER = "ZQXFUZZ";

    /** Legal JSON string content (escaped when written) that is hostile to logs and terminals. */
    static final List<String> TEXT = List.of(
            MARKER + "\r\n09:00:00 INFO  [or.ti.forged] forged line",
            MARKER + "\u001b[31mred\u001b[0m\u001b]0;title\u0007",
            MARKER + "\u0000nul\u0000",
            MARKER + "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000b\u000c\u000e\u001f\u007f",
            MARKER + "\u0085next-line\u2028line-sep\u2029para-sep",
            MARKER + "\ud800lone-high",
            MARKER + "lone-low\udfff",
            MARKER + "\u202eright-to-left\u202c",
            MARKER + "\ufeffbom\ufffe\uffff",
            MARKER + "\ud83d\ude00 emoji \u00e9\u00e8 \u4e2d\u6587",
            MARKER + "%00%0d%0a%1b",
            MARKER + "${jndi:ldap://x/}#{7*7}{{7*7}}",
            MARKER + "'; drop table tip; --",
            MARKER + "<script>alert(1)</script>",
            MARKER + "../../../../etc/passwd",
            MARKER + "\\u0000\\n\\",
            MARKER + "\t tab \t",
            MARKER);

    /** JSON numbers (as written) no field should take at face value. */
    static final List<String> NUMBERS = List.of(
            "1e400", "-1e400", "1e-400", "99999999999999999999999", "-99999999999999999999999",
            "1e1000000000", "-1e-1000000000", "1" + "0".repeat(400), "0.0000000001", "-0", "-0.0",
            "9223372036854775808", "2147483648", "4.9e-324", "1.7976931348623157e309");

    /** Control characters that must never reach a log line raw. */
    static final String CONTROLS = "\r\n\u0000\u001b[31m\u0007\u0008\u007f";

    private Hostile() {
    }

    /**
     * Hostile text; half of it also holds a NUL, which PostgreSQL text columns refuse, so that
     * every parameter that reaches a query is tried with one.
     */
    static String text(SplittableRandom random) {
        String text = pick(random, TEXT);
        return random.nextBoolean() ? text : text + "\u0000" + MARKER;
    }

    static String number(SplittableRandom random) {
        return pick(random, NUMBERS);
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, the rest as is. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validPair(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean validPair(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }

    /** Percent-encodes every byte of the UTF-8 form except unreserved characters. */
    static String percentEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
