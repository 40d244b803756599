package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
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

    private static final Pattern FORM = Pattern.compile("(" + TIP_ID.pattern() + ")\\.(" + REFERENCE.pattern()
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
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            return null;
        }
        return new BindingToken(UUID.fromString(m.group(1)), m.group(2), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)));
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
