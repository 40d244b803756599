package org.tipline.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id, version 0x13, through BouncyCastle: the one thing tipline takes from
 * BouncyCastle, since Tink has no password hashing. Used for reviewer passwords, the
 * office keyset's passphrase and tipster passphrases, each with its own cost and bounds,
 * which callers check before calling.
 */
public final class Argon2id {

    private Argon2id() {
    }

    /** {@code length} bytes of Argon2id output for {@code password} (UTF-8 bytes) and {@code salt}. */
    public static byte[] derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
            int length) {
        byte[] out = new byte[length];
        derive(password, salt, memoryKib, iterations, parallelism, out);
        return out;
    }

    /** Fills {@code out} with Argon2id output, so a caller can erase it when done. */
    public static void derive(byte[] password, byte[] salt, int memoryKib, int iterations, int parallelism,
            byte[] out) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .build());
        generator.generateBytes(password, out);
    }
}
