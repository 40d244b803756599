package org.tipline.tipster.followup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tipline.crypto.Argon2id;

/**
 * Argon2id (BouncyCastle, version 0x13) over a tipster passphrase, with its parameters and
 * salt as stored in the tip row: {@code $argon2id$v=19$m=256,t=1,p=1$<salt, base64>}.
 * The 32-byte output never leaves memory; {@link TipsterSecrets} splits it into a verifier
 * and a wrapping key.
 *
 * <p>Stored parameters are bounded before any work: an edited row cannot ask for gigabytes
 * of memory or minutes of CPU.
 */
public record TipsterKdf(int memoryKib, int iterations, int parallelism, byte[] salt) {

    public static final int MIN_MEMORY_KIB = 64;
    public static final int MAX_MEMORY_KIB = 262_144;
    public static final int MAX_ITERATIONS = 10;
    public static final int MAX_PARALLELISM = 4;
    public static final int SALT_BYTES = 16;
    public static final int OUTPUT_BYTES = 32;

    private static final Pattern FORM = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{22})");

    public TipsterKdf {
        if (memoryKib < MIN_MEMORY_KIB || memoryKib > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between " + MIN_MEMORY_KIB + " and "
                    + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id passes must be between 1 and " + MAX_ITERATIONS);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || memoryKib < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2id lanes must be between 1 and " + MAX_PARALLELISM);
        }
        if (salt == null || salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("an Argon2id salt has " + SALT_BYTES + " bytes");
        }
        salt = salt.clone();
    }

    /**
     * The stored text's numbers and salt, read without the bounds of a derivation on intake: a
     * sealed follow-up's kdf (docs/crypto.md, section 8), which only the tipster's device runs.
     * Null when the text is not of the form.
     */
    public record Form(int memoryKib, int iterations, int parallelism, byte[] salt) {

        public static Form parse(String stored) {
            if (stored == null) {
                return null;
            }
            Matcher m = FORM.matcher(stored);
            if (!m.matches()) {
                return null;
            }
            try {
                byte[] salt = Base64.getDecoder().decode(m.group(4));
                return salt.length != SALT_BYTES ? null : new Form(Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), salt);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        public String encode() {
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                    + Base64.getEncoder().withoutPadding().encodeToString(salt);
        }
    }

    /** New parameters with a fresh salt. */
    public static TipsterKdf fresh(int memoryKib, int iterations, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new TipsterKdf(memoryKib, iterations, 1, salt);
    }

    /** The stored form, or null when the text is not one this version accepts (edited, or out of bounds). */
    public static TipsterKdf parse(String stored) {
        Form form = Form.parse(stored);
        if (form == null) {
            return null;
        }
        try {
            return new TipsterKdf(form.memoryKib(), form.iterations(), form.parallelism(), form.salt());
        } catch (IllegalArgumentException e) {
            return null; // out of the bounds of a derivation on intake
        }
    }

    public String encode() {
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(salt);
    }

    /** The Argon2id output for a canonical passphrase. Costs {@code memoryKib} KiB and about 1 µs per KiB per pass. */
    public byte[] derive(String canonicalPassphrase) {
        return Argon2id.derive(canonicalPassphrase.getBytes(StandardCharsets.UTF_8), salt, memoryKib, iterations,
                parallelism, OUTPUT_BYTES);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public String toString() {
        return "TipsterKdf[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TipsterKdf kdf && kdf.encode().equals(encode());
    }

    @Override
    public int hashCode() {
        return encode().hashCode();
    }
}
