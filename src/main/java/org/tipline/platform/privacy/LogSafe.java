package org.tipline.platform.privacy;

/**
 * Makes a value safe for a single log line: control characters (CR, LF, NUL, ESC and the
 * rest) are written as visible escapes, so nothing can forge or garble a log line.
 * Tip bodies, passphrases, keys and request headers are never logged, escaped or not.
 */
public final class LogSafe {

    private static final int MAX_LENGTH = 200;

    private LogSafe() {
    }

    public static String escape(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
