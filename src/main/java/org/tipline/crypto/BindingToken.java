package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A binding for one sealed submission, issued by intake without writing anything: a tip id, a
 * reference, an expiry (Unix seconds) and the generation of the HMAC key that signs it. As a
 * token: {@code <tip id>.<reference>.<expires>.<generation>.<mac>}, where the MAC is the unpadded
 * base64url of HMAC-SHA256 over {@link Bindings#sealedBinding} under the generation's 32-byte
 * key (docs/crypto.md, section 8).
 */
public record BindingToken(UUID tipId, String reference, long expires, long generation) {

    /** The form of a tip id in a binding: a version-4 UUID, lower case, hyphenated. */
    public static final Pattern TIP_ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    /** The canonical form of a reference: TIP- and four groups of four Crockford base32 symbols. */
    public static final Pattern REFERENCE = Pattern.compile("TIP(?:-[0-9A-HJKMNP-TV-Z]{4}){4}");
    /** The longest token this version makes or reads. */
    public static final int MAX_LENGTH = 160;

    /** A token's form: {@code <tip id>.<reference>.<expires, 1-12 digits>.<generation, 1-12 digits>.<43 base64url>}. */
    static final Pattern FORM = Pattern.compile("(" + TIP_ID.pattern() + ")\\.(" + REFERENCE.pattern()
            + ")\\.([0-9]{1,12})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder MAC_TEXT = Base64.getUrlEncoder().withoutPadding();

    /** The token text for this binding under {@code key} (the generation's 32-byte HMAC key). */
    public String sign(byte[] key) {
        return tipId + "." + reference + "." + expires + "." + generation + "." + MAC_TEXT.encodeToString(mac(key));
    }

    /** True when {@code token} is this binding's, signed under {@code key}; compared in constant time. */
    public boolean signedBy(String token, byte[] key) {
        return MessageDigest.isEqual(sign(key).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    /** The binding a token claims, or null when the text is not of the token's form; its MAC is not checked. */
    public static BindingToken parse(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return null;
        }
        // FORM, read field by field (a regular expression here cost a sealed tip more than its MAC).
        int reference = token.indexOf('.') + 1;
        int expires = token.indexOf('.', reference) + 1;
        int generation = reference > 0 && expires > 0 ? token.indexOf('.', expires) + 1 : 0;
        int mac = generation > 0 ? token.indexOf('.', generation) + 1 : 0;
        if (mac == 0 || !TextForms.isTipId(token, 0, reference - 1) || !TextForms.isReference(token, reference, expires - 1)
                || !TextForms.isDigits(token, expires, generation - 1, 12)
                || !TextForms.isDigits(token, generation, mac - 1, 12)
                || !TextForms.isBase64Url(token, mac, token.length(), 43)) {
            return null;
        }
        return new BindingToken(UUID.fromString(token.substring(0, reference - 1)), token.substring(reference, expires - 1),
                Long.parseLong(token.substring(expires, generation - 1)), Long.parseLong(token.substring(generation, mac - 1)));
    }

    /** True when {@code text} is a tip id of a binding's form ({@link #TIP_ID}). */
    public static boolean isTipId(String text) {
        return text != null && TextForms.isTipId(text, 0, text.length());
    }

    /** True when {@code text} is a reference in canonical form ({@link #REFERENCE}). */
    public static boolean isReference(String text) {
        return text != null && TextForms.isReference(text, 0, text.length());
    }

    private byte[] mac(byte[] key) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return hmac.doFinal(Bindings.sealedBinding(tipId, reference, expires, generation));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
