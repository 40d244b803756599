package org.tipline.crypto;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.BlockPool;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.FixedBlockPool;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id, version 0x13, through BouncyCastle: the one thing tipline takes from
 * BouncyCastle, since Tink has no password hashing. Used for reviewer passwords, the
 * office keyset's passphrase and tipster passphrases, each with its own cost and bounds,
 * which callers check before calling.
 *
 * <p>Derivations share their working memory through BouncyCastle's block pool instead of
 * allocating it afresh: a plain tip's 256 KiB were three quarters of intake's allocation, and
 * the young collections they caused were the pauses in its latency tail. BouncyCastle zeroes
 * every block before it goes back to the pool, so no block kept between derivations holds
 * anything of the last one. The pool keeps at most {@link #RETAINED_KIB_PER_CORE} KiB a core
 * (a core's KDF thread runs one tipster derivation at a time); larger derivations allocate
 * the rest and leave it to the collector, as before.
 */
public final class Argon2id {

    /** How much working memory the pool keeps for each core, in KiB (one block is 1 KiB). */
    static final int RETAINED_KIB_PER_CORE = 1024;

    private static final BlockPool WORKING_MEMORY =
            new FixedBlockPool(RETAINED_KIB_PER_CORE * Runtime.getRuntime().availableProcessors());

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
                .withBlockPool(WORKING_MEMORY)
                .build());
        generator.generateBytes(password, out);
    }
}
