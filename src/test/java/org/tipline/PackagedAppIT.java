package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.KeysetFiles;
import org.tipline.crypto.TipOpener;
import org.tipline.platform.storage.EmbeddedDatabase;
import org.tipline.testing.Proofs;
import org.tipline.tip.TipPlaintext;

/**
 * The packaged application, started as an operator would start it: on the embedded
 * default it keeps its tips across restarts, and handed a private keyset as the office
 * public keyset it refuses to start.
 */
class PackagedAppIT {

    private static final Path JAR = Path.of(System.getProperty("tipline.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final Pattern REFERENCE = Pattern.compile("\"reference\":\"(TIP[-0-9A-Z]+)\"");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    @Test
    void restartingOnTheSameDataDirectoryKeepsEarlierTips() throws Exception {
        Path dataDir = work.resolve("data");
        List<String> references = new ArrayList<>();
        String firstKey;

        try (RunningApp app = RunningApp.start(dataDir, Map.of(), work.resolve("run1.log"))) {
            references.add(submit(app.port, "first run " + UUID.randomUUID()));
            firstKey = get(app.port, "/api/v1/office-key");
        }
        try (RunningApp app = RunningApp.start(dataDir, Map.of(), work.resolve("run2.log"))) {
            references.add(submit(app.port, "second run " + UUID.randomUUID()));
            assertThat(get(app.port, "/api/v1/office-key")).as("the demo key survives restarts").isEqualTo(firstKey);
        }
        String log = Files.readString(work.resolve("run1.log"));
        assertThat(log).contains("DEMO KEY");
        assertThat(log).as("one line says what started").containsOnlyOnce("tipline started: ")
                .containsPattern("tipline started: role all-in-one; office keys \\d+ \\(x25519, primary\\); "
                        + "database embedded PostgreSQL in " + Pattern.quote(dataDir.resolve("pg").toString())
                        + "; HTTP on 0\\.0\\.0\\.0:\\d+, health and metrics on 127\\.0\\.0\\.1:\\d+");

        TipOpener opener = new TipOpener(KeysetFiles.readPrivate(DemoKeys.privateFile(dataDir)));
        try (EmbeddedDatabase database = EmbeddedDatabase.startUnder(dataDir);
                Connection connection = database.connectAsSuperuser();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select id, reference, format_version, ciphertext from tip order by reference")) {
            List<String> stored = new ArrayList<>();
            while (rows.next()) {
                stored.add(rows.getString(2));
                byte[] plaintext = opener.open((UUID) rows.getObject(1), rows.getInt(3), rows.getBytes(4));
                assertThat(TipPlaintext.fromJson(plaintext).description()).contains("run ");
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(references);
        }
    }

    @Test
    void aConfiguredServerIsUsedAndNoEmbeddedDatabaseStarts() throws Exception {
        Path dataDir = work.resolve("data");
        try (EmbeddedDatabase server = EmbeddedDatabase.start(work.resolve("office-server"), 0)) {
            String reference;
            try (RunningApp app = RunningApp.start(dataDir, Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(),
                    "QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", "tipline_app",
                    "QUARKUS_DATASOURCE_PASSWORD", server.password(EmbeddedDatabase.Login.ALL_IN_ONE),
                    "QUARKUS_FLYWAY_MIGRATE_AT_START", "true",
                    "QUARKUS_FLYWAY_USERNAME", "tipline_owner",
                    "QUARKUS_FLYWAY_PASSWORD", server.password(EmbeddedDatabase.Login.OWNER)), work.resolve("external.log"))) {
                reference = submit(app.port, "stored on the configured server");
            }
            assertThat(dataDir.resolve("pg")).as("no embedded database was created").doesNotExist();
            try (Connection connection = server.connectAsSuperuser();
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select reference from tip")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(reference);
                assertThat(rows.next()).isFalse();
            }
        }
    }

    @Test
    void anAccountMadeWithTheCommandLineLogsInWithItsTotpCode() throws Exception {
        Path dataDir = work.resolve("data");
        Path passwordFile = Files.writeString(work.resolve("password.txt"), "a long enough password\n");
        try (RunningApp app = RunningApp.start(dataDir, Map.of(), work.resolve("accounts.log"))) {
            Path out = work.resolve("reviewers.out");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toAbsolutePath().toString(), "reviewers", "add", "--username", "cora",
                    "--role", "coordinator,auditor", "--program", "default", "--password-file", passwordFile.toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
            builder.environment().put("TIPLINE_DATA_DIR", dataDir.toString());
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(out);
            assertThat(process.exitValue()).as(printed).isZero();
            Matcher uri = Pattern.compile("otpauth://totp/\\S+").matcher(printed);
            assertThat(uri.find()).isTrue();
            byte[] secret = org.tipline.testing.OfficeAccounts.secretOf(uri.group());
            String code = new org.tipline.office.staff.Totp().codeAt(secret, java.time.Instant.now());

            HttpResponse<String> login = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/api/v1/review/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"cora\",\"password\":"
                            + "\"a long enough password\",\"totp\":\"" + code + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            Matcher token = Pattern.compile("\"token\":\"(tlr_[^\"]+)\"").matcher(login.body());
            assertThat(token.find()).isTrue();
            HttpResponse<String> tips = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/api/v1/review/tips"))
                    .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tips.statusCode()).isEqualTo(200);
            HttpResponse<String> audit = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/api/v1/review/audit"))
                    .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(audit.body()).as("the command line's account.create is in the chain")
                    .contains("\"action\":\"account.create\"").contains("\"actor\":\"cli:");
            HttpResponse<String> verify = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port + "/api/v1/review/audit/verify"))
                    .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(verify.body()).contains("\"ok\":true");
            assertThat(Files.readString(work.resolve("accounts.log"))).doesNotContain("a long enough password");
        }
    }

    /**
     * The first tipsters after a start, before anything else used the database (no readiness
     * probe: not every deployment has a load balancer that waits for one): a few tips at once,
     * as a front end's visitors send them, a broken one, a wrong passphrase and a right one.
     * None of it writes a line. The test below probes readiness first; that probe used to write
     * the one line that a tipster's request wrote otherwise (a metrics warning when the
     * database pool opened its second connection), so it passed while the first tips of a
     * process that nobody probed were dated in the log.
     */
    @Test
    void theFirstTipstersAfterAStartWriteNoLogLine() throws Exception {
        Path log = work.resolve("first.log");
        try (RunningApp app = RunningApp.start(work.resolve("data"), Map.of(), log)) {
            long before = Files.size(log);
            String base = "http://127.0.0.1:" + app.port;
            List<CompletableFuture<HttpResponse<String>>> tips = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                tips.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/tips"))
                        .header("Content-Type", "application/json").header(Proofs.HEADER, proof(base))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"other\",\"description\":\"first "
                                + i + "\"}")).build(), HttpResponse.BodyHandlers.ofString()));
            }
            List<String> receipts = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> sent : tips) {
                HttpResponse<String> answer = sent.get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                receipts.add(answer.body());
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tips"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"category\":"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
            Matcher reference = REFERENCE.matcher(receipts.get(0));
            Matcher passphrase = Pattern.compile("\"passphrase\":\"([a-z ]+)\"").matcher(receipts.get(0));
            assertThat(reference.find() && passphrase.find()).isTrue();
            for (String secret : List.of("wrong wrong wrong wrong wrong wrong wrong", passphrase.group(1))) {
                String credentials = java.util.Base64.getEncoder().encodeToString(
                        (reference.group(1) + ":" + secret).getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/followup/session"))
                        .header("Authorization", "Tipster " + credentials).header(Proofs.HEADER, proof(base))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(secret.startsWith("wrong") ? 401 : 201);
            }
            Thread.sleep(500); // anything logged asynchronously has reached the file by now
            assertThat(Files.readString(log).substring((int) before)).as("what the first tipsters' requests logged")
                    .isEmpty();
        }
    }

    @Test
    void aTipstersRequestsWriteNoLogLineOnAWarmProcess() throws Exception {
        Path log = work.resolve("quiet.log");
        try (RunningApp app = RunningApp.start(work.resolve("data"), Map.of(), log)) {
            app.awaitReady(http);
            long before = Files.size(log);
            String base = "http://127.0.0.1:" + app.port;
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> receipt = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tips"))
                        .header("Content-Type", "application/json").header(Proofs.HEADER, proof(base))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"other\",\"description\":\"quiet " + i
                                + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(receipt.statusCode()).isEqualTo(201);
                Matcher reference = REFERENCE.matcher(receipt.body());
                Matcher passphrase = Pattern.compile("\"passphrase\":\"([a-z ]+)\"").matcher(receipt.body());
                assertThat(reference.find() && passphrase.find()).isTrue();
                for (String secret : List.of(passphrase.group(1), "wrong wrong wrong wrong wrong wrong wrong")) {
                    String credentials = java.util.Base64.getEncoder().encodeToString(
                            (reference.group(1) + ":" + secret).getBytes(StandardCharsets.UTF_8));
                    http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/followup"))
                            .header("Authorization", "Tipster " + credentials).header(Proofs.HEADER, proof(base)).build(),
                            HttpResponse.BodyHandlers.ofString());
                }
            }
            for (String bad : List.of("{", "{\"category\":\"nope\",\"description\":\"x\"}", "[]")) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tips"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bad)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
            }
            HttpResponse<String> unproven = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tips"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"other\",\"description\":\"no proof\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unproven.statusCode()).as("by default a tip needs a proof-of-work").isEqualTo(400);
            assertThat(unproven.body()).contains("/problems/proof-missing");
            assertThat(get(app.port, "/api/v1/no-such-path")).contains("not-found");
            Thread.sleep(500); // anything logged asynchronously has reached the file by now
            assertThat(Files.readString(log).substring((int) before)).as("what the tipsters' requests logged").isEmpty();
        }
    }

    @Test
    void helpAndVersionPrintAndExitWithoutServing() throws Exception {
        Path dataDir = work.resolve("data");
        Output help = runCommand(dataDir, "--help");
        assertThat(help.exitCode()).as(help.text()).isZero();
        assertThat(help.text()).contains("Usage: tipline").contains("serve").contains("keys").contains("reviewers")
                .contains("version");
        for (String version : List.of("version", "--version")) {
            Output printed = runCommand(dataDir, version);
            assertThat(printed.exitCode()).as(printed.text()).isZero();
            assertThat(printed.text().strip()).matches("tipline \\d+\\.\\d+\\.\\d+\\S*");
        }
        assertThat(help.text()).contains("solve-challenge");
        Output unreachable = runCommand(dataDir, "solve-challenge", "--url", "http://127.0.0.1:" + freePort());
        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.text()).startsWith("tipline solve-challenge: cannot reach ").hasLineCount(1);
        Output keysHelp = runCommand(dataDir, "keys", "--help");
        assertThat(keysHelp.exitCode()).isZero();
        assertThat(keysHelp.text()).contains("Usage: tipline keys").contains("init").contains("rotate");
        Output unknown = runCommand(dataDir, "sevre");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.text()).startsWith("tipline: Unmatched argument").hasLineCount(1);
        assertThat(dataDir).as("nothing was started: no database, no demo keys").doesNotExist();
    }

    @Test
    void solveChallengePrintsProofsThatTipsCanCarryOnceEach() throws Exception {
        try (RunningApp app = RunningApp.start(work.resolve("data"), Map.of(), work.resolve("solve.log"))) {
            Output solved = runCommand(work.resolve("cli-data"), "solve-challenge", "--url", "http://127.0.0.1:" + app.port);
            assertThat(solved.exitCode()).as(solved.text()).isZero();
            String proof = solved.text().strip();
            assertThat(proof).matches("[A-Za-z0-9+/=]+");
            assertThat(postTip(app, proof).statusCode()).isEqualTo(201);
            assertThat(postTip(app, proof).statusCode()).as("a value is good for one request").isEqualTo(400);

            Output batch = runCommand(work.resolve("cli-data"), "solve-challenge", "--count", "3",
                    "--url", "http://127.0.0.1:" + app.port);
            assertThat(batch.exitCode()).as(batch.text()).isZero();
            List<String> proofs = batch.text().strip().lines().toList();
            assertThat(proofs).hasSize(3).doesNotHaveDuplicates().allMatch(line -> line.matches("[A-Za-z0-9+/=]+"));
            for (String each : proofs) {
                HttpResponse<String> tip = postTip(app, each);
                assertThat(tip.statusCode()).as(tip.body()).isEqualTo(201);
            }
            Output none = runCommand(work.resolve("cli-data"), "solve-challenge", "--count", "0",
                    "--url", "http://127.0.0.1:" + app.port);
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.text()).startsWith("tipline solve-challenge: --count must be 1 to").hasLineCount(1);
            assertThat(work.resolve("cli-data")).as("the command started nothing of its own").doesNotExist();
        }
    }

    private HttpResponse<String> postTip(RunningApp app, String proof) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port + "/api/v1/tips"))
                .header("Content-Type", "application/json").header(Proofs.HEADER, proof)
                .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"other\",\"description\":\"curl\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPortInUseStopsTheStartWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = work.resolve("port.log");
            Process process = RunningApp.launch(work.resolve("data"), Map.of(), taken.getLocalPort(), freePort(), log);
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the process stops by itself").isTrue();
            String output = Files.readString(log);
            assertThat(process.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("tipline cannot start: a port is already in use (")
                    .doesNotContain("\tat ").doesNotContain("Exception");
        }
    }

    /**
     * A configured PostgreSQL server that does not answer, or that refuses the login, stops the
     * start with one line and exit code 2: no stack trace, no password, and no process left
     * serving 503 to every tip.
     */
    @Test
    void aDatabaseThatIsNotThereOrRefusesTheLoginStopsTheStartWithOneLine() throws Exception {
        int deadPort = freePort();
        Output silent = startAgainst(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + deadPort + "/tipline",
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + deadPort + "/tipline",
                "QUARKUS_DATASOURCE_USERNAME", "tipline_app", "QUARKUS_DATASOURCE_PASSWORD", "PW-not-to-print"), "silent.log");
        assertThat(silent.exitCode()).as(silent.text()).isEqualTo(2);
        assertThat(silent.text().strip()).hasLineCount(1)
                .isEqualTo("tipline cannot start: the database 127.0.0.1:" + deadPort + "/tipline did not answer within 15 s; "
                        + "start PostgreSQL, or check QUARKUS_DATASOURCE_JDBC_URL and QUARKUS_DATASOURCE_REACTIVE_URL");

        try (EmbeddedDatabase server = EmbeddedDatabase.start(work.resolve("refusing-server"), 0)) {
            Output refused = startAgainst(Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(),
                    "QUARKUS_DATASOURCE_JDBC_URL", server.jdbcUrl(),
                    "QUARKUS_DATASOURCE_USERNAME", "tipline_app", "QUARKUS_DATASOURCE_PASSWORD", "PW-not-to-print"),
                    "refused.log");
            assertThat(refused.exitCode()).as(refused.text()).isEqualTo(2);
            assertThat(refused.text().strip()).hasLineCount(1)
                    .startsWith("tipline cannot start: the database 127.0.0.1:" + server.port() + "/tipline refused the login");
        }
        assertThat(work.resolve("data").resolve("pg")).as("no embedded database was started instead").doesNotExist();
    }

    private Output startAgainst(Map<String, String> env, String logName) throws Exception {
        Path log = work.resolve(logName);
        Process process = RunningApp.launch(work.resolve("data"), env, freePort(), log);
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the process stops by itself").isTrue();
        String output = Files.readString(log);
        assertThat(output).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("PW-not-to-print");
        return new Output(process.exitValue(), output);
    }

    @Test
    void allInOneRefusesAPublicKeysetWithoutItsPrivateHalf() throws Exception {
        Path publicKeyset = DemoKeys.ensure(work.resolve("keys-home"));
        Path log = work.resolve("half.log");
        Process process = RunningApp.launch(work.resolve("data"),
                Map.of("TIPLINE_OFFICE_PUBLIC_KEYSET", publicKeyset.toString()), freePort(), log);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log)).contains("tipline cannot start: all-in-one with TIPLINE_OFFICE_PUBLIC_KEYSET "
                + "also needs the private half");
    }

    @Test
    void intakeRefusesToStartWithAPrivateKeyset() throws Exception {
        DemoKeys.ensure(work.resolve("keys-home"));
        Path privateKeyset = DemoKeys.privateFile(work.resolve("keys-home"));
        Path log = work.resolve("refused.log");
        Process process = RunningApp.launch(work.resolve("data"),
                Map.of("TIPLINE_OFFICE_PUBLIC_KEYSET", privateKeyset.toString()), freePort(), log);
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the process stops by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        String output = Files.readString(log);
        assertThat(output).contains("holds private key material; intake accepts only a public keyset");
        String privateValue = privateKeyValue(Files.readString(privateKeyset));
        assertThat(output).doesNotContain(privateValue);
    }

    @Test
    void thePackagedAppRefusesTheAuditApiWithoutCredentials() throws Exception {
        // Roles are checked by the quarkus-security extension; if it were on the test classpath
        // only, @QuarkusTest would pass while the packaged app let anyone read the audit log.
        try (RunningApp app = RunningApp.start(work.resolve("data"), Map.of(), work.resolve("audit.log"))) {
            for (String path : List.of("/api/v1/review/audit", "/api/v1/review/audit/head",
                    "/api/v1/review/audit/verify")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                assertThat(response.body()).contains("/problems/unauthorized").doesNotContain("\"seq\"");
            }
        }
    }

    private String submit(int port, String description) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tips"))
                .header("Content-Type", "application/json").header(Proofs.HEADER, proof("http://127.0.0.1:" + port))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"category\":\"other\",\"description\":\"" + description + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        Matcher matcher = REFERENCE.matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** A solved proof-of-work challenge from the app at {@code base}: the packaged app requires one by default. */
    private String proof(String base) throws Exception {
        return Proofs.fresh(http, URI.create(base));
    }

    private String get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String privateKeyValue(String privateJson) {
        Matcher matcher = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(privateJson);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private Output runCommand(Path dataDir, String... args) throws Exception {
        Path out = work.resolve("command-" + System.nanoTime() + ".out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
        builder.environment().put("TIPLINE_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("'%s' exits by itself", String.join(" ", args)).isTrue();
        return new Output(process.exitValue(), Files.readString(out));
    }

    record Output(int exitCode, String text) {
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged jar in its own process, stopped with SIGTERM like a service manager would. */
    record RunningApp(Process process, int port, int managementPort) implements AutoCloseable {

        static Process launch(Path dataDir, Map<String, String> env, int port, Path log) throws IOException {
            return launch(dataDir, env, port, freePort(), log);
        }

        static Process launch(Path dataDir, Map<String, String> env, int port, int managementPort, Path log,
                String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", JAR.toAbsolutePath().toString()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
            builder.environment().put("TIPLINE_DATA_DIR", dataDir.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            builder.environment().putAll(env);
            return builder.start();
        }

        static RunningApp start(Path dataDir, Map<String, String> env, Path log) throws Exception {
            int port = freePort();
            int managementPort = freePort();
            Process process = launch(dataDir, env, port, managementPort, log);
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/office-key")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return new RunningApp(process, port, managementPort);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            process.destroyForcibly();
            throw new AssertionError("tipline did not become ready:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }

        /** Waits until /q/health/ready answers UP: the intake warm-up, the database's first use included, is over. */
        void awaitReady(HttpClient client) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("not ready within 60 s");
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
