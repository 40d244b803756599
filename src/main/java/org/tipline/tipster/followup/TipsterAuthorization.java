package org.tipline.tipster.followup;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import org.tipline.platform.refusal.SignInFailed;
import org.tipline.tip.TipReference;

/**
 * The tipster's {@code Authorization} header, in one of two documented schemes:
 * <ul>
 *   <li>{@code Tipster <base64 of "reference:passphrase">}: the reference and the seven
 *       words, like HTTP Basic but under its own name, so no browser ever caches or prompts
 *       for it. Each use costs one Argon2id derivation and counts against the guessing
 *       budget when wrong.</li>
 *   <li>{@code Bearer tlf_...}: a tipster session token from {@code POST /api/v1/followup/session}.</li>
 * </ul>
 * A credential never travels in a URL.
 */
public sealed interface TipsterAuthorization {

    String TIPSTER_SCHEME = SignInFailed.TIPSTER_SCHEME;
    String TOKEN_PREFIX = "tlf_";
    Pattern TOKEN = Pattern.compile("tlf_[A-Za-z0-9_-]{43}");

    /** A reference and passphrase, both in canonical form. */
    record Passphrase(String reference, String passphrase) implements TipsterAuthorization {
        @Override
        public String toString() {
            return "Passphrase[redacted]";
        }
    }

    /** A session token. */
    record SessionToken(String token) implements TipsterAuthorization {
        @Override
        public String toString() {
            return "SessionToken[redacted]";
        }
    }

    /**
     * The credential in the header, or null when the header is missing or is not a
     * well-formed credential of either scheme. This looks at the text alone, never at
     * stored data, so its answer says nothing about which tips exist.
     */
    static TipsterAuthorization parse(String header) {
        if (header == null || header.length() > 512) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer")) {
            return TOKEN.matcher(value).matches() ? new SessionToken(value) : null;
        }
        if (!scheme.equalsIgnoreCase(TIPSTER_SCHEME)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String reference = TipReference.normalize(decoded.substring(0, colon));
        String passphrase = TipsterPassphrase.canonical(decoded.substring(colon + 1));
        return reference == null || passphrase == null ? null : new Passphrase(reference, passphrase);
    }
}
