package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.Passphrase;
import org.tipline.platform.storage.EmbeddedDatabase;
import org.tipline.platform.storage.EmbeddedDatabase.Login;
import org.tipline.testing.Proofs;

/**
 * Scale-out: two intake processes from the packaged JAR on one PostgreSQL behave as one
 * intake. A proof-of-work challenge one issued is accepted by the other; a solution spent at
 * either is refused by both; and the follow-up guessing budget is one budget, spent partly
 * at each.
 */
class ScaleOutIT {

    private static final Path JAR = Path.of(System.getProperty("tipline.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final String REPLAYED = "/problems/proof-replayed";
    /** 20 failed sign-ins a minute: tipline makes it a bucket of 2 tokens, one back every 3 s. */
    private static final int FAILED_SIGNINS_PER_MINUTE = 20;
    /** How long the budget's sequence may take before a token could have come back (3 s). */
    private static final long BUDGET_WINDOW_MS = 2_500;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void twoIntakesShareProofsOfWorkAndTheGuessingBudget() throws Exception {
        Path keyset = work.resolve("office-keyset.json");
        Path publicKeyset = work.resolve("office-public.json");
        OfficeKeyCustody custody = new OfficeKeyCustody();
        try (Passphrase passphrase = Passphrase.wrap("scale out 2026".toCharArray())) {
            custody.init(keyset, OfficeKem.X25519, passphrase, new Argon2idParameters(1024, 1, 1));
        }
        try (Passphrase passphrase = Passphrase.wrap("scale out 2026".toCharArray())) {
            custody.exportPublic(keyset, passphrase, publicKeyset);
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("shared-db"), 0)) {
            Map<String, String> intake = intakeOn(database, publicKeyset);
            try (PackagedAppIT.RunningApp a = PackagedAppIT.RunningApp.start(work.resolve("a"), intake, work.resolve("a.log"));
                    PackagedAppIT.RunningApp b = PackagedAppIT.RunningApp.start(work.resolve("b"), intake, work.resolve("b.log"))) {
                a.awaitReady(http);
                b.awaitReady(http);
                URI atA = URI.create("http://127.0.0.1:" + a.port());
                URI atB = URI.create("http://127.0.0.1:" + b.port());

                // A tip's solution: issued by A, taken by B; then refused by B (its memory) and A (the database).
                String proof = Proofs.fresh(http, atA);
                HttpResponse<String> receipt = postTip(atB, proof);
                assertThat(receipt.statusCode()).as("a challenge from A is accepted by B: %s", receipt.body()).isEqualTo(201);
                assertRefused(postTip(atB, proof), 400, REPLAYED);
                assertRefused(postTip(atA, proof), 400, REPLAYED);
                // The other way round.
                proof = Proofs.fresh(http, atB);
                assertThat(postTip(atA, proof).statusCode()).as("a challenge from B is accepted by A").isEqualTo(201);
                assertRefused(postTip(atA, proof), 400, REPLAYED);
                assertRefused(postTip(atB, proof), 400, REPLAYED);

                // A sign-in's solution, spent in proof_spent rather than by a tip row.
                String reference = field(receipt.body(), "reference");
                String passphrase = field(receipt.body(), "passphrase");
                String right = tipster(reference, passphrase);
                proof = Proofs.fresh(http, atA);
                HttpResponse<String> opened = followup(atB, proof, right);
                assertThat(opened.statusCode()).as("a sign-in at B with a challenge from A: %s", opened.body()).isEqualTo(200);
                assertRefused(followup(atA, proof, right), 400, REPLAYED);
                assertRefused(followup(atB, proof, right), 400, REPLAYED);

                // One guessing budget of 2: one wrong passphrase at A, one at B, then both refuse.
                List<String> words = new ArrayList<>(List.of(passphrase.split(" ")));
                Collections.reverse(words);
                String wrong = tipster(reference, String.join(" ", words));
                List<HttpResponse<String>> answers = null;
                for (int attempt = 0; attempt < 3 && answers == null; attempt++) {
                    answers = spendTheBudget(atA, atB, wrong);
                }
                assertThat(answers).as("the budget sequence never ran within %d ms", BUDGET_WINDOW_MS).isNotNull();
                assertRefused(answers.get(0), 401, "/problems/unauthorized");
                assertRefused(answers.get(1), 401, "/problems/unauthorized");
                for (HttpResponse<String> spent : answers.subList(2, 4)) {
                    assertRefused(spent, 429, "/problems/too-many-requests");
                    assertThat(spent.headers().firstValue("Retry-After")).isPresent();
                }
                // The refusals were the budget's, not the passphrase's: once refilled, the owner gets in at B.
                Thread.sleep(4_000);
                assertThat(followup(atB, Proofs.fresh(http, atB), right).statusCode()).isEqualTo(200);
            }
        }
    }

    /**
     * With the bucket full: a wrong passphrase at A, then at B, then one more at each, each with
     * its own solution (solved beforehand). The four answers, or null when the sequence took so
     * long that a token may have come back meanwhile.
     */
    private List<HttpResponse<String>> spendTheBudget(URI atA, URI atB, String wrong) throws Exception {
        List<String> proofs = List.of(Proofs.fresh(http, atA), Proofs.fresh(http, atB), Proofs.fresh(http, atA),
                Proofs.fresh(http, atB));
        Thread.sleep(7_000); // 2 tokens, one every 3 s: full again, whatever came before
        long start = System.nanoTime();
        List<HttpResponse<String>> answers = List.of(followup(atA, proofs.get(0), wrong), followup(atB, proofs.get(1), wrong),
                followup(atA, proofs.get(2), wrong), followup(atB, proofs.get(3), wrong));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return tookMs <= BUDGET_WINDOW_MS ? answers : null;
    }

    private Map<String, String> intakeOn(EmbeddedDatabase database, Path publicKeyset) throws Exception {
        Map<String, String> server = Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        Map<String, String> owner = new HashMap<>(server);
        owner.put("QUARKUS_FLYWAY_USERNAME", "tipline_owner");
        owner.put("QUARKUS_FLYWAY_PASSWORD", database.password(Login.OWNER));
        migrate(owner);
        Map<String, String> intake = new HashMap<>(server);
        intake.put("TIPLINE_ROLE", "intake");
        intake.put("TIPLINE_OFFICE_PUBLIC_KEYSET", publicKeyset.toString());
        intake.put("QUARKUS_DATASOURCE_USERNAME", "tipline_intake");
        intake.put("QUARKUS_DATASOURCE_PASSWORD", database.password(Login.INTAKE));
        // As deployed: proof-of-work for tips and sign-ins (the packaged defaults, stated here).
        intake.put("TIPLINE_PROOF_OF_WORK_KEYLESS_TIPS", "true");
        intake.put("TIPLINE_PROOF_OF_WORK_SIGNINS", "true");
        intake.put("TIPLINE_FOLLOWUP_FAILED_SIGNINS_PER_MINUTE", Integer.toString(FAILED_SIGNINS_PER_MINUTE));
        // No per-reference delay, so that only the shared budget answers 429.
        intake.put("TIPLINE_FOLLOWUP_FREE_FAILURES_PER_REFERENCE", "100");
        return intake;
    }

    private void migrate(Map<String, String> environment) throws Exception {
        Path out = work.resolve("migrate-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "migrate").redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String printed = Files.readString(out);
        assertThat(exited).as("migrate exits by itself").isTrue();
        assertThat(process.exitValue()).as(printed).isZero();
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String type) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                value -> assertThat(value).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"type\":\"" + type + "\"");
    }

    private HttpResponse<String> postTip(URI base, String proof) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/tips"))
                .header("Content-Type", "application/json").header(Proofs.HEADER, proof)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"category\":\"other\",\"description\":\"a tip with a proof from either intake\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> followup(URI base, String proof, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/followup"))
                .header("Authorization", authorization).header(Proofs.HEADER, proof).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String tipster(String reference, String passphrase) {
        return "Tipster " + Base64.getEncoder().encodeToString((reference + ":" + passphrase).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }
}
