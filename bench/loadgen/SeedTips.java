import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.CryptoProviders;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedTip;
import org.tipline.crypto.TipSealer;
import org.tipline.tip.TipReference;
import org.tipline.tipster.followup.TipsterKdf;
import org.tipline.tipster.intake.TipSubmission;

/**
 * Seeds the tip table of a benchmark database with COUNT tips quickly, for the review
 * benchmark at a million tips (bench/review.sh with SEED=copy), where posting them one by one
 * would take most of an hour on a small machine.
 *
 * Each tip is what intake stores: a TipSubmission of bench/tips.lua's kinds (a category, a
 * description of 80 to 1,200 characters, sometimes a place, a time and details), turned into
 * its canonical JSON and sealed by tipline's own TipSealer to the office public key, bound to
 * the tip's id; and its tip_dialogue row with the dialogue key sealed to the office key. Only
 * the tipster's own credentials (the Argon2id salt's output and the wrapped key) are random
 * bytes of the right sizes instead of a derived passphrase: nobody signs in as a tipster in
 * the review benchmark, and deriving a million passphrases would cost what it saves. Tips are
 * received over the last DAYS days, at hour precision as intake records them; all are new,
 * through the channel web, in the program default.
 *
 * Rows go in with COPY, 5,000 tips a transaction, sealed on THREADS threads.
 *
 * Usage: java -cp 'app/*:lib/main/*' bench/loadgen/SeedTips.java JDBC_URL USER COUNT PUBLIC_KEYSET [THREADS] [DAYS]
 */
public class SeedTips {

    private static final int BATCH = 5_000;
    private static final String[] CATEGORIES = {"drugs", "violence", "theft", "fraud", "wanted-person",
        "missing-person", "other"};
    private static final String[] SENTENCES = {
        "A white van parks behind the laundrette on Elm Street every Tuesday night around ten.",
        "Two men carry boxes from the van into the back door and leave within a quarter of an hour.",
        "Cars stop at the blue house for two minutes at a time, all night, most nights of the week.",
        "The man who sold the stolen bicycles uses the name Rick and drives a green hatchback.",
        "She said she was paid in cash to take parcels across the border twice a month.",
        "The shop on the corner sells phones with their serial numbers scratched off.",
        "A group meets in the car park of the old cinema after midnight and fights break out.",
        "My neighbour has been receiving deliveries of chemicals that smell like ammonia.",
    };

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("JDBC_URL USER COUNT PUBLIC_KEYSET [THREADS] [DAYS]");
        }
        String url = args[0];
        String user = args[1];
        int count = Integer.parseInt(args[2]);
        CryptoProviders.install();
        OfficePublicKey officeKey = OfficePublicKey.read(Path.of(args[3]));
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
        int days = args.length > 5 ? Integer.parseInt(args[5]) : 365;
        TipSealer sealer = new TipSealer(officeKey);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, user, "")) {
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int done = 0;
            while (done < count) {
                Batch batch = batch(Math.min(BATCH, count - done), sealer, officeKey, now, days, threads, pool);
                done += batch.size;
                copy.copyIn("copy tip (id, reference, program, category, status, received_at, key_id, format_version, "
                        + "ciphertext, channel) from stdin", new java.io.ByteArrayInputStream(batch.tips));
                copy.copyIn("copy tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, "
                        + "dialogue_key_id) from stdin", new java.io.ByteArrayInputStream(batch.dialogues));
                connection.commit();
                if (done % 100_000 < BATCH) {
                    System.err.printf("SeedTips: %,d of %,d tips after %.0f s%n", done, count,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("SEED_RESULT tips=%d seconds=%.1f%n", count, (System.nanoTime() - started) / 1e9);
    }

    private record Batch(int size, byte[] tips, byte[] dialogues) {
    }

    /** COPY text rows for {@code size} tips, sealed on the pool's threads. */
    private static Batch batch(int size, TipSealer sealer, OfficePublicKey officeKey, Instant now, int days,
            int threads, ExecutorService pool) throws Exception {
        List<Callable<String[][]>> parts = new ArrayList<>();
        for (int p = 0; p < threads; p++) {
            int n = size / threads + (p < size % threads ? 1 : 0);
            parts.add(() -> {
                String[][] part = new String[n][];
                for (int i = 0; i < n; i++) {
                    part[i] = row(sealer, officeKey, now, days);
                }
                return part;
            });
        }
        ByteArrayOutputStream tips = new ByteArrayOutputStream(size * 3_000);
        ByteArrayOutputStream dialogues = new ByteArrayOutputStream(size * 400);
        for (Future<String[][]> part : pool.invokeAll(parts)) {
            for (String[] row : part.get()) {
                tips.write(row[0].getBytes(StandardCharsets.UTF_8));
                dialogues.write(row[1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Batch(size, tips.toByteArray(), dialogues.toByteArray());
    }

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    private static final ThreadLocal<TipReference> REFERENCES = ThreadLocal.withInitial(() -> new TipReference(RANDOM.get()));

    private static String[] row(TipSealer sealer, OfficePublicKey officeKey, Instant now, int days) throws IOException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID id = UUID.randomUUID();
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        StringBuilder description = new StringBuilder();
        int sentences = 1 + random.nextInt(12);
        for (int i = 0; i < sentences; i++) {
            description.append(i == 0 ? "" : " ").append(SENTENCES[random.nextInt(SENTENCES.length)]);
        }
        boolean full = random.nextInt(3) == 0;
        TipSubmission submission = new TipSubmission(category, description.toString(),
                full ? "Elm Street, behind the laundrette" : null, full ? "2026-11-20T21:30" : null,
                random.nextBoolean() ? "en" : null, full ? Map.of("vehicle", "white van, partial plate 7KX") : null);
        SealedTip sealed = sealer.seal(id, submission.plaintext(Bindings.TIP_FORMAT_VERSION).toCanonicalJson());
        Instant receivedAt = now.minus(random.nextLong((long) days * 24), ChronoUnit.HOURS);
        byte[] dialogueKey = new byte[32];
        RANDOM.get().nextBytes(dialogueKey);
        OfficePublicKey.SealedBytes officeDialogueKey = officeKey.seal(dialogueKey, Bindings.officeDialogueKey(id));
        byte[] verifier = new byte[32];
        byte[] tipsterKey = new byte[60];
        random.nextBytes(verifier);
        random.nextBytes(tipsterKey);
        String tip = String.join("\t", id.toString(), REFERENCES.get().next(), "default", category, "new",
                receivedAt.toString(), Long.toString(sealed.keyId()), Integer.toString(sealed.formatVersion()),
                bytea(sealed.ciphertext()), "web") + "\n";
        String dialogue = String.join("\t", id.toString(), TipsterKdf.fresh(256, 1, RANDOM.get()).encode(),
                bytea(verifier), bytea(tipsterKey), bytea(officeDialogueKey.ciphertext()),
                Long.toString(officeDialogueKey.keyId())) + "\n";
        return new String[] {tip, dialogue};
    }

    /** bytea in COPY's text format: \x and hex, its backslash escaped for COPY. */
    private static String bytea(byte[] bytes) {
        return "\\\\x" + HexFormat.of().formatHex(bytes);
    }
}
