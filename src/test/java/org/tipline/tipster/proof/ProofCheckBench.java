package org.tipline.tipster.proof;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.altcha.altcha.Altcha;
import org.tipline.platform.config.EarlySettings;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.storage.EmbeddedDatabase;

/**
 * What checking a proof-of-work costs (bench/pow.sh runs this; no JMH): the in-memory part
 * of {@link ProofOfWork#spend} (bounds, base64, JSON, salt parameters, signature, expiry,
 * floor, ALTCHA's verifySolution) over many checks, and the round trip of the spent insert,
 * on an unlogged table as tipline uses it and on a logged one for comparison, against an
 * embedded PostgreSQL with synchronous_commit=on and fsync on.
 *
 * <p>Arguments: checks (default 100,000), inserts per table (default 5,000).
 */
public final class ProofCheckBench {

    private ProofCheckBench() {
    }

    public static void main(String... args) throws Exception {
        int checks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int inserts = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        TiplineConfig config = EarlySettings.read().tipline();
        TipLoad load = new TipLoad(new ProofRepository(null), config, new SimpleMeterRegistry());
        ProofOfWork proofs = new ProofOfWork(new ProofRepository(null), load, config, Clock.systemUTC());

        // 1,000 distinct solved payloads, made with a known secret number instead of solving.
        String key = HexFormat.of().formatHex(Altcha.randomBytes(32));
        long now = System.currentTimeMillis() / 1000;
        long generation = proofs.generation(now);
        long difficulty = config.proofOfWork().baseDifficulty();
        String[] headers = new String[1_000];
        for (int i = 0; i < headers.length; i++) {
            long number = ThreadLocalRandom.current().nextLong(difficulty);
            Altcha.Challenge challenge = Altcha.createChallenge(new Altcha.ChallengeOptions()
                    .setAlgorithm(Altcha.Algorithm.SHA256).setMaxNumber(difficulty).setNumber(number).setHmacKey(key)
                    .setExpires(now + 3600).addParam("d", Long.toString(difficulty)).addParam("g", Long.toString(generation)));
            String json = "{\"algorithm\":\"" + challenge.algorithm + "\",\"challenge\":\"" + challenge.challenge
                    + "\",\"number\":" + number + ",\"salt\":\"" + challenge.salt + "\",\"signature\":\""
                    + challenge.signature + "\",\"took\":512}";
            headers[i] = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
        System.out.printf("header length: %d characters%n", headers[0].length());

        for (int i = 0; i < 20_000; i++) { // warm-up
            check(proofs, headers[i % headers.length], key, now);
        }
        long[] nanos = new long[checks];
        for (int i = 0; i < checks; i++) {
            long start = System.nanoTime();
            check(proofs, headers[i % headers.length], key, now);
            nanos[i] = System.nanoTime() - start;
        }
        report("in-memory check of a valid proof", nanos);

        String bad = Base64.getEncoder().encodeToString("{\"algorithm\":\"SHA-256\",\"challenge\":\"nope\"}"
                .getBytes(StandardCharsets.UTF_8));
        long[] refused = new long[checks];
        for (int i = 0; i < checks; i++) {
            long start = System.nanoTime();
            try {
                proofs.parse(bad);
            } catch (RuntimeException expected) {
                // refused as invalid
            }
            refused[i] = System.nanoTime() - start;
        }
        report("in-memory refusal of a malformed proof", refused);

        Path dir = Files.createTempDirectory("tipline-pow-bench");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), 0);
                Connection connection = database.connectAsSuperuser()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("set synchronous_commit = on");
                statement.execute("create unlogged table spent_unlogged (challenge bytea primary key, expires_at timestamptz not null)");
                statement.execute("create table spent_logged (challenge bytea primary key, expires_at timestamptz not null)");
            }
            for (String table : new String[] {"spent_unlogged", "spent_logged", "spent_unlogged", "spent_logged"}) {
                try (PreparedStatement insert = connection.prepareStatement("insert into " + table
                        + " (challenge, expires_at) values (?, to_timestamp(?::bigint)) on conflict (challenge) do nothing")) {
                    long[] trips = new long[inserts];
                    for (int i = 0; i < inserts; i++) {
                        insert.setBytes(1, Altcha.randomBytes(32));
                        insert.setLong(2, now + 600);
                        long start = System.nanoTime();
                        insert.executeUpdate();
                        trips[i] = System.nanoTime() - start;
                    }
                    report("spent insert round trip, " + table + " (JDBC, autocommit)", trips);
                }
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void check(ProofOfWork proofs, String header, String key, long now) {
        ProofOfWork.Checked checked = proofs.parse(header);
        proofs.verify(checked, key, now);
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-58s n=%,d  median %.1f µs  p99 %.1f µs  max %.1f µs%n", what, sorted.length,
                sorted[sorted.length / 2] / 1000.0, sorted[(int) (sorted.length * 0.99)] / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }

    private static void deleteRecursively(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
