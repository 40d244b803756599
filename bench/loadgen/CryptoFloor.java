import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.TipSealer;
import org.tipline.tipster.followup.TipsterCredentials;

/**
 * The floor of a plain tip's cost: exactly the cryptography intake does for one tip, and
 * nothing else, on one thread. That is TipsterCredentials.make (a passphrase drawn from the
 * wordlist, its Argon2id with tipline's default cost, a dialogue key and its AES-GCM wrap),
 * then the two HPKE seals to the office key (the padded tip, and the dialogue key), with
 * tipline's own classes from the runner's class path and a demo office key made for the run.
 * No HTTP, JSON reading, validation, database or thread hop.
 *
 * Prints "FLOOR_RESULT cpu_us=... wall_us=... argon2_cpu_us=... seals_cpu_us=..." with the
 * median over ROUNDS rounds of the thread's CPU time per tip (ThreadMXBean), after a warm-up.
 *
 * Usage (bench/cost.sh runs it):
 *   java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*' bench/loadgen/CryptoFloor.java \
 *     [TIPS_PER_ROUND] [ROUNDS] [MEMORY_KIB] [ITERATIONS]
 */
public class CryptoFloor {

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        int memoryKib = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        if (perRound < 100 || rounds < 3 || memoryKib < 8 || iterations < 1) {
            throw new IllegalArgumentException("TIPS_PER_ROUND >= 100, ROUNDS >= 3, MEMORY_KIB >= 8, ITERATIONS >= 1");
        }
        CryptoProviders.install();
        Path dataDir = Files.createTempDirectory("tipline-floor");
        OfficePublicKey officeKey = OfficePublicKey.read(DemoKeys.ensure(dataDir));
        TipSealer sealer = new TipSealer(officeKey);
        SecureRandom random = new SecureRandom();
        // A tip of bench/tips.lua's typical size, as its canonical JSON.
        byte[] plaintext = ("{\"category\":\"drugs\",\"description\":\""
                + "A white van parks behind the laundrette on Elm Street every Tuesday night around ten. ".repeat(5)
                + "\",\"language\":\"en\",\"location\":\"Elm Street, behind the laundrette\",\"v\":1}")
                .getBytes(StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        Runnable whole = () -> {
            UUID id = UUID.randomUUID();
            TipsterCredentials.NewCredentials credentials =
                    TipsterCredentials.make(id, "TIP-7KQ3-9XHD-M2PF-4RTA", memoryKib, iterations, random);
            sealer.seal(id, plaintext);
            officeKey.seal(credentials.dialogueKey().bytes(), Bindings.officeDialogueKey(id));
        };
        Runnable argon2 = () -> TipsterCredentials.make(UUID.randomUUID(), "TIP-7KQ3-9XHD-M2PF-4RTA", memoryKib,
                iterations, random);
        byte[] dialogueKey = new byte[32];
        Runnable seals = () -> {
            UUID id = UUID.randomUUID();
            sealer.seal(id, plaintext);
            officeKey.seal(dialogueKey, Bindings.officeDialogueKey(id));
        };

        for (int i = 0; i < perRound * 2; i++) {
            whole.run();
            seals.run();
        }
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        double[] argon2Cpu = new double[rounds];
        double[] sealsCpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                whole.run();
            }
            cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / perRound;
            wall[r] = (System.nanoTime() - w0) / 1e3 / perRound;
            argon2Cpu[r] = cpuPerRun(threads, argon2, perRound / 2);
            sealsCpu[r] = cpuPerRun(threads, seals, perRound / 2);
        }
        System.out.printf("FLOOR_RESULT cpu_us=%.1f wall_us=%.1f argon2_cpu_us=%.1f seals_cpu_us=%.1f"
                + " tips_per_round=%d rounds=%d memory_kib=%d iterations=%d%n",
                median(cpu), median(wall), median(argon2Cpu), median(sealsCpu), perRound, rounds, memoryKib,
                iterations);
    }

    private static double cpuPerRun(ThreadMXBean threads, Runnable work, int runs) {
        long c0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            work.run();
        }
        return (threads.getCurrentThreadCpuTime() - c0) / 1e3 / runs;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
