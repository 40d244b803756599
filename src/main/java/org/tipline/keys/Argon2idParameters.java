package org.tipline.keys;

/**
 * The cost of deriving a key-encryption key from a passphrase with Argon2id (version 0x13).
 * Stored in the keyset file next to the salt, so the same key can be derived again.
 *
 * <p>The bounds are checked before any derivation, also when reading a file: an edited
 * file must not be able to ask for gigabytes of memory or hours of work before the
 * authentication check gets a chance to reject it.
 *
 * @param memoryKiB   memory in KiB; the default 64 MiB is what an office should use
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {

    /** 64 MiB, 3 passes, one lane: RFC 9106's second recommended option, within a laptop's reach. */
    public static final Argon2idParameters DEFAULT = new Argon2idParameters(65_536, 3, 1);

    /** The smallest memory accepted. Only tests should go this low. */
    public static final int MIN_MEMORY_KIB = 1_024;
    /** 4 GiB: more than this is an edited file or a typo, not a choice. */
    public static final int MAX_MEMORY_KIB = 4 * 1_024 * 1_024;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 16;

    /** Throws {@link IllegalArgumentException} with a one-line reason when a value is out of bounds. */
    public Argon2idParameters {
        if (memoryKiB < MIN_MEMORY_KIB || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2id memory must be between " + MIN_MEMORY_KIB + " and "
                    + MAX_MEMORY_KIB + " KiB");
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2id iterations must be between 1 and " + MAX_ITERATIONS);
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parallelism must be between 1 and " + MAX_PARALLELISM);
        }
    }
}
