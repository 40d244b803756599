package org.tipline.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Bearer tokens: a prefix followed by 256 random bits in base64url. Reviewers' tokens start
 * {@code tlr_}, which tells them apart from identity-provider tokens, and are stored as their
 * {@link OfficeMac}; tipster session tokens start {@code tlf_}, and the database keeps their
 * SHA-256 (a tipster session opens nothing without the tipster's passphrase-derived key).
 */
public final class SessionTokens {

    public static final String PREFIX = "tlr_";
    private static final Pattern FORMAT = Pattern.compile("tlr_[A-Za-z0-9_-]{43}");

    private SessionTokens() {
    }

    /** A reviewer's token. */
    public static String newToken(SecureRandom random) {
        return newToken(PREFIX, random);
    }

    /** A token with this prefix. */
    public static String newToken(String prefix, SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }

    /** The SHA-256 of a tipster session token, as stored. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
