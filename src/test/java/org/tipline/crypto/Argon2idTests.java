package org.tipline.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.junit.jupiter.api.Test;

/**
 * Argon2id with working memory shared between derivations: the output stays the reference
 * implementation's whatever ran before and whatever runs beside it, and the memory kept
 * between derivations is zeroed and bounded.
 *
 * <p>The known answers are the Argon2id cases of the reference implementation's test suite
 * (phc-winner-argon2, test.c, version 0x13), which the tip page's hash-wasm also gives.
 */
class Argon2idTests {

    /** One known answer: passes, memory (KiB), lanes, password, salt, 32-byte output in hex. */
    private record Known(int iterations, int memoryKib, int lanes, String password, String salt, String hex) {

        String derive() {
            return HexFormat.of().formatHex(Argon2id.derive(password.getBytes(StandardCharsets.UTF_8),
                    salt.getBytes(StandardCharsets.UTF_8), memoryKib, iterations, lanes, 32));
        }
    }

    private static final List<Known> SMALL = List.of(
            new Known(2, 256, 1, "password", "somesalt",
                    "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"),
            new Known(2, 256, 2, "password", "somesalt",
                    "6d093c501fd5999645e0ea3bf620d7b8be7fd2db59c20d9fff9539da2bf57037"),
            // A tipster passphrase at intake's default cost (256 KiB, one pass).
            new Known(1, 256, 1, "TIP-7KQ3-9XHD-M2PF-4RTA", "0123456789abcdef",
                    "b5b623c2ba4f913aa3aaa34965d8be72e1b976c1baf5c577a5810757a2c4f15e"));

    private static final List<Known> LARGE = List.of(
            new Known(2, 65_536, 1, "password", "somesalt",
                    "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7"),
            new Known(1, 65_536, 1, "password", "somesalt",
                    "f6a5adc1ba723dddef9b5ac1d464e180fcd9dffc9d1cbf76cca2fed795d9ca98"),
            new Known(2, 65_536, 1, "differentpassword", "somesalt",
                    "0b84d652cf6b0c4beaef0dfe278ba6a80df6696281d7e0d2891b817d8c458fde"),
            new Known(2, 65_536, 1, "password", "diffsalt",
                    "bdf32b05ccc42eb15d58fd19b1f856b113da1e9a5874fdcc544308565aa8141c"));

    @Test
    void referenceAnswers() {
        for (Known known : SMALL) {
            assertThat(known.derive()).as(known.toString()).isEqualTo(known.hex());
        }
        for (Known known : LARGE) {
            assertThat(known.derive()).as(known.toString()).isEqualTo(known.hex());
        }
    }

    @Test
    void reusedMemoryChangesNoOutputUnderConcurrency() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    List<String> mismatches = new ArrayList<>();
                    for (int i = 0; i < 150; i++) {
                        Known known = SMALL.get((i + offset) % SMALL.size());
                        String got = known.derive();
                        if (!got.equals(known.hex())) {
                            mismatches.add(known + " gave " + got);
                        }
                        if (i == 75 && offset == 0) {
                            // One derivation larger than the pool, while the others reuse it.
                            Known large = LARGE.get(1);
                            if (!large.derive().equals(large.hex())) {
                                mismatches.add(large.toString());
                            }
                        }
                    }
                    return mismatches;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void memoryKeptBetweenDerivationsIsZeroedAndBounded() throws Exception {
        // A derivation of 64 MiB returns more blocks than the pool keeps.
        Known large = LARGE.get(1);
        assertThat(large.derive()).isEqualTo(large.hex());
        for (Known known : SMALL) {
            assertThat(known.derive()).isEqualTo(known.hex());
        }

        List<long[]> kept = keptBlocks();
        int cap = Argon2id.RETAINED_KIB_PER_CORE * Runtime.getRuntime().availableProcessors();
        assertThat(kept).hasSize(Math.min(cap, large.memoryKib()));
        for (long[] block : kept) {
            for (long word : block) {
                assertThat(word).as("a block kept for the next derivation").isZero();
            }
        }
    }

    /** The words of every block the shared pool holds, read from BouncyCastle's private fields. */
    private static List<long[]> keptBlocks() throws ReflectiveOperationException {
        Field poolField = Argon2id.class.getDeclaredField("WORKING_MEMORY");
        poolField.setAccessible(true);
        Object pool = poolField.get(null);
        assertThat(pool).isInstanceOf(Argon2BytesGenerator.FixedBlockPool.class);
        Field blocksField = Argon2BytesGenerator.FixedBlockPool.class.getDeclaredField("blocks");
        blocksField.setAccessible(true);
        Field words = Argon2BytesGenerator.Block.class.getDeclaredField("v");
        words.setAccessible(true);
        List<long[]> kept = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Argon2BytesGenerator.Block> blocks = (List<Argon2BytesGenerator.Block>) blocksField.get(pool);
        synchronized (blocks) {
            for (Argon2BytesGenerator.Block block : blocks) {
                kept.add(((long[]) words.get(block)).clone());
            }
        }
        return kept;
    }
}
