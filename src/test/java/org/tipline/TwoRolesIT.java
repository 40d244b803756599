package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.tipline.testing.Proofs;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.OfficeKem;
import org.tipline.keys.Argon2idParameters;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.OfficeKeysetStatus;
import org.tipline.keys.Passphrase;
import org.tipline.office.staff.Totp;
import org.tipline.platform.storage.EmbeddedDatabase;
import org.tipline.platform.storage.EmbeddedDatabase.Login;
import org.tipline.testing.OfficeAccounts;

/**
 * The deployment the roles exist for: an intake process holding only the public keyset and
 * a review process holding the office keyset, on one PostgreSQL. A tip posted to intake is
 * read at review; after a key rotation, old tips still open and new ones carry the new key.
 */
class TwoRolesIT {

    private static final Path JAR = Path.of(System.getProperty("tipline.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final String PASSPHRASE = "harbour lantern quarry 2026";
    private static final Pattern REFERENCE = Pattern.compile("\"reference\":\"(TIP[-0-9A-Z]+)\"");
    private final HttpClient http = HttpClient.newHttpClient();
    private final Totp totp = new Totp();

    @TempDir
    Path work;

    @Test
    void intakeAndReviewShareOneDatabaseAcrossAKeyRotation() throws Exception {
        OfficeKeyCustody custody = new OfficeKeyCustody();
        Path keyset = work.resolve("office-keyset.json");
        Path passphraseFile = Files.writeString(work.resolve("passphrase"), PASSPHRASE);
        Path publicKeyset = work.resolve("office-public.json");
        try (Passphrase passphrase = Passphrase.wrap(PASSPHRASE.toCharArray())) {
            custody.init(keyset, OfficeKem.X25519, passphrase, new Argon2idParameters(1024, 1, 1));
        }
        try (Passphrase passphrase = Passphrase.readFile(passphraseFile)) {
            custody.exportPublic(keyset, passphrase, publicKeyset);
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(work.resolve("shared-db"), 0)) {
            Map<String, String> server = Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(),
                    "QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            // The operator migrates as the schema owner; each role then connects with its own login.
            String migrated = run(with(server, "QUARKUS_FLYWAY_USERNAME", "tipline_owner",
                    "QUARKUS_FLYWAY_PASSWORD", database.password(Login.OWNER)), "migrate");
            Matcher version = Pattern.compile("Applied \\d+ migration\\(s\\); the schema is at version (\\d+)\\.")
                    .matcher(migrated);
            assertThat(version.find()).as(migrated).isTrue();
            assertThat(run(with(server, "QUARKUS_FLYWAY_USERNAME", "tipline_owner",
                    "QUARKUS_FLYWAY_PASSWORD", database.password(Login.OWNER)), "migrate"))
                    .contains("The schema is already at version " + version.group(1) + ".");
            Map<String, String> db = with(server, "QUARKUS_DATASOURCE_USERNAME", "tipline_review",
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(Login.REVIEW));
            Map<String, String> intake = with(server, "TIPLINE_ROLE", "intake",
                    "TIPLINE_OFFICE_PUBLIC_KEYSET", publicKeyset.toString(),
                    "QUARKUS_DATASOURCE_USERNAME", "tipline_intake",
                    "QUARKUS_DATASOURCE_PASSWORD", database.password(Login.INTAKE));
            Map<String, String> review = with(db, "TIPLINE_ROLE", "review", "TIPLINE_OFFICE_KEYSET", keyset.toString(),
                    "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE", passphraseFile.toString());

            String before;
            String beforePassphrase;
            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("intake"), intake,
                    work.resolve("intake-1.log"))) {
                HttpResponse<String> receipt = postTip(app.port(),
                        "{\"category\":\"other\",\"description\":\"before the rotation\"}");
                assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(201);
                before = field(receipt.body(), "reference");
                beforePassphrase = field(receipt.body(), "passphrase");
                assertThat(get(app.port(), "/api/v1/review/tips", null).statusCode()).isEqualTo(404);
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.managementPort() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.body()).as("intake is ready after its warm-up").contains("intake warm-up");
            }
            byte[] secret = addCoordinator(db, publicKeyset);

            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("review"), review,
                    work.resolve("review-1.log"))) {
                String token = login(app.port(), secret, 0);
                HttpResponse<String> read = get(app.port(), "/api/v1/review/tips/" + before, token);
                assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
                assertThat(read.body()).contains("before the rotation");
            }

            OfficeKeysetStatus rotated;
            try (Passphrase passphrase = Passphrase.readFile(passphraseFile)) {
                rotated = custody.rotate(keyset, OfficeKem.XWING, passphrase);
            }
            try (Passphrase passphrase = Passphrase.readFile(passphraseFile)) {
                custody.exportPublic(keyset, passphrase, publicKeyset);
            }
            String after;
            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("intake"), intake,
                    work.resolve("intake-2.log"))) {
                after = submit(app.port(), "after the rotation");
            }
            try (Connection connection = database.connectAsSuperuser();
                    Statement statement = connection.createStatement();
                    ResultSet keyIds = statement.executeQuery("select key_id from tip where reference = '" + after + "'")) {
                assertThat(keyIds.next()).isTrue();
                assertThat(keyIds.getLong(1)).as("new tips use the new primary key").isEqualTo(rotated.primary().keyId());
            }
            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("review"), review,
                    work.resolve("review-2.log"))) {
                // The code of the next 30-second step (accepted as clock drift): the first one is spent.
                String token = login(app.port(), secret, 30);
                assertThat(get(app.port(), "/api/v1/review/tips/" + before, token).body()).contains("before the rotation");
                assertThat(get(app.port(), "/api/v1/review/tips/" + after, token).body()).contains("after the rotation");
                assertThat(post(app.port(), "/api/v1/tips", "{}").statusCode()).as("review takes no tips").isEqualTo(404);
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.managementPort() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
                assertThat(ready.body()).as("review takes no tips, so it has no intake warm-up")
                        .doesNotContain("intake warm-up");
                // The office asks the tipster of the older tip; its dialogue key is sealed to the retired key.
                HttpResponse<String> asked = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/review/tips/" + before + "/messages"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Which night was it?\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
            }
            // The tipster reads the question from the intake process, with only the public keyset there, and answers.
            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("intake"), intake,
                    work.resolve("intake-3.log"))) {
                String authorization = "Tipster " + java.util.Base64.getEncoder().encodeToString(
                        (before + ":" + beforePassphrase).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                HttpResponse<String> mailbox = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/followup"))
                        .header("Authorization", authorization).header(Proofs.HEADER, proof(app.port())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(mailbox.statusCode()).as(mailbox.body()).isEqualTo(200);
                assertThat(mailbox.body()).contains("Which night was it?").contains("more-information-needed");
                HttpResponse<String> answered = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/followup/messages"))
                        .header("Authorization", authorization).header(Proofs.HEADER, proof(app.port()))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Tuesday\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(201);
            }
        }
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name).isTrue();
        return matcher.group(1);
    }

    private byte[] addCoordinator(Map<String, String> db, Path publicKeyset) throws Exception {
        Path passwordFile = Files.writeString(work.resolve("password"), "coordinator password 1");
        Path out = work.resolve("reviewers.out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "reviewers", "add", "--username", "cora", "--role",
                "coordinator", "--program", "default", "--password-file", passwordFile.toString(),
                "--public-keyset", publicKeyset.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
        builder.environment().putAll(db);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(process.exitValue()).as(printed).isZero();
        Matcher uri = Pattern.compile("otpauth://totp/\\S+").matcher(printed);
        assertThat(uri.find()).isTrue();
        return OfficeAccounts.secretOf(uri.group());
    }

    /** Runs a one-shot command of the packaged application and gives what it printed; it must succeed. */
    private String run(Map<String, String> environment, String... command) throws Exception {
        Path out = work.resolve("command.out");
        java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toAbsolutePath().toString()));
        line.addAll(java.util.List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String printed = Files.readString(out);
        assertThat(process.exitValue()).as(printed).isZero();
        return printed;
    }

    private String login(int port, byte[] secret, int secondsAhead) throws Exception {
        HttpResponse<String> login = post(port, "/api/v1/review/session", "{\"username\":\"cora\",\"password\":"
                + "\"coordinator password 1\",\"totp\":\"" + totp.codeAt(secret, Instant.now().plusSeconds(secondsAhead)) + "\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"token\":\"(tlr_[^\"]+)\"").matcher(login.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private String submit(int port, String description) throws Exception {
        HttpResponse<String> response = postTip(port,
                "{\"category\":\"other\",\"description\":\"" + description + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher matcher = REFERENCE.matcher(response.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    /** A tip with a solved proof-of-work challenge, as the intake role requires by default. */
    private HttpResponse<String> postTip(int port, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tips"))
                .header("Content-Type", "application/json").header(Proofs.HEADER, proof(port))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String proof(int port) throws Exception {
        return Proofs.fresh(http, URI.create("http://127.0.0.1:" + port));
    }

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }
}
