package org.tipline.crypto;

/**
 * The fixed-form texts intake reads on every tip (tip ids, references, tokens), checked
 * character by character: the same forms as the regular expressions that document them
 * ({@link BindingToken#TIP_ID}, {@link BindingToken#REFERENCE}), at a fraction of their cost on
 * the tip's path. {@code TextFormsTests} checks each against its expression.
 */
final class TextForms {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private TextForms() {
    }

    /** A version-4 UUID, lower case, hyphenated: {@link BindingToken#TIP_ID}. */
    static boolean isTipId(CharSequence text, int from, int to) {
        if (to - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(from + i);
            boolean ok;
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                ok = c == '-';
            } else if (i == 14) {
                ok = c == '4';
            } else if (i == 19) {
                ok = c == '8' || c == '9' || c == 'a' || c == 'b';
            } else {
                ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** TIP- and four groups of four Crockford base32 symbols, upper case: {@link BindingToken#REFERENCE}. */
    static boolean isReference(CharSequence text, int from, int to) {
        if (to - from != 23 || text.charAt(from) != 'T' || text.charAt(from + 1) != 'I' || text.charAt(from + 2) != 'P') {
            return false;
        }
        for (int i = 3; i < 23; i++) {
            char c = text.charAt(from + i);
            boolean ok = (i - 3) % 5 == 0 ? c == '-' : CROCKFORD.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One to {@code most} ASCII digits. */
    static boolean isDigits(CharSequence text, int from, int to, int most) {
        if (to - from < 1 || to - from > most) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Exactly {@code length} characters of unpadded base64url ({@code A-Z a-z 0-9 - _}). */
    static boolean isBase64Url(CharSequence text, int from, int to, int length) {
        if (to - from != length) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
