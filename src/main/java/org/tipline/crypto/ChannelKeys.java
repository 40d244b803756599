package org.tipline.crypto;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * A front end's channel key: {@code tlc_} followed by 256 random bits in base64url, shown
 * once when the channel is created or its key rotated, and stored only as its SHA-256. A
 * plain hash is enough: the key is random, so there is nothing to guess from the hash, and
 * intake finds a channel by its key's hash without secret work per request.
 */
public final class ChannelKeys {

    public static final String PREFIX = "tlc_";
    /** The form {@link #wellFormed} checks, spelled as a regular expression (TextFormsTests compares the two). */
    static final Pattern FORMAT = Pattern.compile("tlc_[A-Za-z0-9_-]{43}");

    private ChannelKeys() {
    }

    public static String newKey(SecureRandom random) {
        return SessionTokens.newToken(PREFIX, random);
    }

    /** True for the form {@link #newKey} gives; anything else opens nothing and is not even hashed. */
    public static boolean wellFormed(String key) {
        return key != null && key.startsWith(PREFIX) && TextForms.isBase64Url(key, PREFIX.length(), key.length(), 43);
    }

    /** The SHA-256 of a key, as stored in {@code channel.key_hash}. */
    public static byte[] hash(String key) {
        return SessionTokens.hash(key);
    }
}
