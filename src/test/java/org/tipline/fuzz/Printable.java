package org.tipline.fuzz;

import java.nio.charset.StandardCharsets;

/** Request and answer excerpts for failure messages: control characters escaped, length cut. */
final class Printable {

    private Printable() {
    }

    static String of(byte[] bytes, int max) {
        return of(new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.ISO_8859_1), max);
    }

    static String of(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= max ? out + "..." : out.toString();
    }
}
