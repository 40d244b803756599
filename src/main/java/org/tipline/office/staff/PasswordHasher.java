package org.tipline.office.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.tipline.crypto.Argon2id;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), so the parameters travel with
 * each hash and can be raised later without breaking old ones.
 */
public final class PasswordHasher {

    /** OWASP's minimum recommendation for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    /** The most a stored hash may ask of a verification: 256 MiB and 10 passes. */
    static final int MAX_MEMORY_KIB = 262_144;
    static final int MAX_ITERATIONS = 10;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random;
    /** Verified against when the account does not exist, so both cases cost the same. */
    private final String decoy;

    public PasswordHasher(SecureRandom random) {
        this.random = random;
        this.decoy = hash("decoy password, never matches".toCharArray());
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** True when {@code password} matches; a null or malformed stored hash costs the same and is false. */
    public boolean verify(String storedHash, char[] password) {
        Parsed parsed = Parsed.of(storedHash);
        boolean usable = parsed != null;
        if (!usable) {
            parsed = Parsed.of(decoy);
        }
        byte[] candidate = derive(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(candidate, parsed.hash) && usable;
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        byte[] passwordBytes = toUtf8(password);
        try {
            return Argon2id.derive(passwordBytes, salt, memoryKib, iterations, parallelism, length);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private static byte[] toUtf8(char[] chars) {
        java.nio.ByteBuffer buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Parsed of(String phc) {
            if (phc == null) {
                return null;
            }
            String[] parts = phc.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0;
                int t = 0;
                int p = 0;
                for (String setting : parts[3].split(",")) {
                    String[] kv = setting.split("=", 2);
                    int value = Integer.parseInt(kv[1]);
                    switch (kv[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> {
                            return null;
                        }
                    }
                }
                // Bounds on what a stored hash may ask for: a row written by someone with database
                // access must not make a login exhaust the review process.
                if (m < 8 || t < 1 || p < 1 || m > MAX_MEMORY_KIB || t > MAX_ITERATIONS || p > 4) {
                    return null;
                }
                byte[] salt = B64D.decode(parts[4]);
                byte[] hash = B64D.decode(parts[5]);
                if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
                    return null;
                }
                return new Parsed(m, t, p, salt, hash);
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
