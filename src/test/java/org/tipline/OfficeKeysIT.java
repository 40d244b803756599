package org.tipline;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tipline.crypto.TipOpener;
import org.tipline.keys.FakeKms;
import org.tipline.keys.KmsAccess;
import org.tipline.keys.KmsKeyUri;
import org.tipline.keys.OfficeKeyCustody;
import org.tipline.keys.OfficeKeysetStatus;
import org.tipline.keys.Passphrase;
import org.tipline.platform.storage.EmbeddedDatabase;
import org.tipline.testing.LoopbackAwsKms;
import org.tipline.tip.TipPlaintext;

/**
 * The office key tool in the packaged application, as the README tells an operator to use
 * it: {@code keys init}, {@code keys export-public}, then intake started on the exported
 * public keyset. Tips it stores open with the unlocked private keyset.
 */
class OfficeKeysIT {

    private static final Path JAR = Path.of(System.getProperty("tipline.app.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final String PASSPHRASE = "lantern orchard gravel 1987";

    @TempDir
    Path work;

    record Run(int exitCode, String out, String err) {
    }

    private Run keys(Path dataDir, String... args) throws Exception {
        return keys(dataDir, Map.of(), args);
    }

    private Run keys(Path dataDir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", JAR.toAbsolutePath().toString(), "keys"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "keys", ".out");
        Path err = Files.createTempFile(work, "keys", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("TIPLINE_"));
        builder.environment().put("TIPLINE_DATA_DIR", dataDir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("keys " + String.join(" ", args) + " did not finish");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theKeyToolRunsWithoutQuarkusAndIntakeEncryptsToTheExportedKey() throws Exception {
        Path officeData = work.resolve("office");
        Path passphraseFile = work.resolve("passphrase");
        Files.writeString(passphraseFile, PASSPHRASE + "\n");
        Path keyset = officeData.resolve("keys").resolve("office-keyset.json");

        Run init = keys(officeData, "init", "--passphrase-file", passphraseFile.toString(),
                "--kdf-memory-kib", "1024", "--kdf-iterations", "1");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("Created the office keyset").doesNotContain("Quarkus").doesNotContain(PASSPHRASE);
        assertThat(keyset).exists();
        assertThat(officeData.resolve("pg")).as("no database was started").doesNotExist();

        Run status = keys(officeData, "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("xwing").contains("primary");

        Path wrongFile = work.resolve("wrong");
        Files.writeString(wrongFile, "not the office passphrase");
        Run wrong = keys(officeData, "export-public", "--passphrase-file", wrongFile.toString());
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("tipline keys: the office keyset " + keyset
                + " cannot be unlocked: wrong passphrase or damaged file" + System.lineSeparator());

        Path publicKeyset = work.resolve("office-public.json");
        Run export = keys(officeData, "export-public", "--passphrase-file", passphraseFile.toString(),
                "--out", publicKeyset.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        OfficeKeysetStatus office = new OfficeKeyCustody().status(keyset);
        Path intakeData = work.resolve("intake");
        String description = "sealed to the office key " + UUID.randomUUID();
        Path loaded = work.resolve("intake-classes.txt");
        try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(intakeData,
                Map.of("TIPLINE_ROLE", "intake", "TIPLINE_OFFICE_PUBLIC_KEYSET", publicKeyset.toString(),
                        "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                        "JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + loaded), work.resolve("intake.log"))) {
            HttpClient http = HttpClient.newHttpClient();
            String officeKey = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/office-key")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(officeKey).contains("\"primaryKeyId\":" + office.primary().keyId());
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/tips"))
                    .header("Content-Type", "application/json")
                    .header(org.tipline.testing.Proofs.HEADER,
                            org.tipline.testing.Proofs.fresh(http, URI.create("http://127.0.0.1:" + app.port())))
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"category\":\"other\",\"description\":\"" + description + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
        }
        assertThat(Files.readString(work.resolve("intake.log"), StandardCharsets.UTF_8)).doesNotContain("DEMO KEY");
        // Intake holds only the public keyset: it never needs a key-encryption key, and never
        // loads an SDK or a client of any KMS, although the jars are in the one build.
        List<String> classes = Files.readAllLines(loaded).stream().map(line -> line.split(" ")[1]).toList();
        assertThat(classes).contains("org.tipline.tipster.intake.IntakeService").noneMatch(name ->
                name.startsWith("software.amazon.") || name.startsWith("com.amazonaws.")
                        || name.startsWith("com.google.crypto.tink.integration.")
                        || name.startsWith("com.google.api.services.cloudkms.")
                        || name.startsWith("org.tipline.keys.AwsKms") || name.startsWith("org.tipline.keys.GcpKms"));

        TipOpener opener;
        try (Passphrase passphrase = Passphrase.readFile(passphraseFile)) {
            opener = new TipOpener(new OfficeKeyCustody().unlock(keyset, passphrase));
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.startUnder(intakeData);
                Connection connection = database.connectAsSuperuser();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, key_id, format_version, ciphertext from tip")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(2)).isEqualTo(office.primary().keyId());
            byte[] plaintext = opener.open((UUID) rows.getObject(1), rows.getInt(3), rows.getBytes(4));
            assertThat(TipPlaintext.fromJson(plaintext).description()).isEqualTo(description);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void theReviewRoleStartsOnlyWithTheRightPassphraseAndServesNoIntake() throws Exception {
        Path keyset = work.resolve("office-keyset.json");
        try (Passphrase passphrase = Passphrase.wrap(PASSPHRASE.toCharArray())) {
            new OfficeKeyCustody().init(keyset, org.tipline.crypto.OfficeKem.X25519, passphrase,
                    new org.tipline.keys.Argon2idParameters(1024, 1, 1));
        }
        Path wrongFile = Files.writeString(work.resolve("wrong.txt"), "not the office passphrase");
        Path rightFile = Files.writeString(work.resolve("right.txt"), PASSPHRASE + "\n");

        Path refusedLog = work.resolve("review-refused.log");
        Process refused = PackagedAppIT.RunningApp.launch(work.resolve("review-data"), Map.of(
                "TIPLINE_ROLE", "review", "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                "TIPLINE_OFFICE_KEYSET", keyset.toString(),
                "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE", wrongFile.toString()), PackagedAppIT.freePort(), refusedLog);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
        assertThat(refused.exitValue()).isNotZero();
        String output = Files.readString(refusedLog);
        assertThat(output).contains("tipline cannot start: the office keyset")
                .contains("cannot be unlocked: wrong passphrase or damaged file")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(output.strip().lines().count()).isEqualTo(1);

        try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("review-data"), Map.of(
                "TIPLINE_ROLE", "review", "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                "TIPLINE_OFFICE_KEYSET", keyset.toString(),
                "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE", rightFile.toString()), work.resolve("review.log"))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> tip = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/tips"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"category\":\"other\",\"description\":\"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(tip.statusCode()).as("the review role takes no tips").isEqualTo(404);
            HttpResponse<String> review = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/review/tips")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(review.statusCode()).as("the review API is there, behind a login").isEqualTo(401);
        }
    }

    @Test
    void aKmsKeysetNeedsNoPassphraseAndAKmsTheAppCannotReachIsOneLine() throws Exception {
        // Made here, under the tests' fake KMS, which the packaged application does not have.
        FakeKms.install();
        String keyUri = FakeKms.newKeyUri();
        Path officeData = work.resolve("office");
        Path keyset = officeData.resolve("keys").resolve("office-keyset.json");
        new OfficeKeyCustody().init(keyset, org.tipline.crypto.OfficeKem.X25519, new KmsKeyUri(keyUri),
                KmsAccess.defaultCredentials());
        String noIntegration = "tipline has no KMS integration for fake-kms:// keys; it reaches aws-kms:// (AWS KMS) "
                + "and gcp-kms:// (Google Cloud KMS)";

        Run status = keys(officeData, "status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("encrypted under: KMS key " + keyUri);
        Run export = keys(officeData, "export-public");
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).as("no passphrase is asked for; one line says why it stops")
                .isEqualTo("tipline keys: the office keyset " + keyset + " cannot be unlocked: " + noIntegration
                        + System.lineSeparator());

        Path untrustedLog = work.resolve("review-kms-untrusted.log");
        Process untrusted = PackagedAppIT.RunningApp.launch(work.resolve("review-data"), Map.of(
                "TIPLINE_ROLE", "review", "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                "TIPLINE_OFFICE_KEYSET", keyset.toString()), PackagedAppIT.freePort(), untrustedLog);
        assertThat(untrusted.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
        assertThat(untrusted.exitValue()).isNotZero();
        assertThat(Files.readString(untrustedLog).strip()).as("the file alone does not choose the trusted key")
                .isEqualTo("tipline cannot start: the office keyset " + keyset + " is held under the KMS key " + keyUri
                        + ", which TIPLINE_OFFICE_KMS_KEY_URI does not name; set it to that key to trust it");

        Path refusedLog = work.resolve("review-kms.log");
        Process refused = PackagedAppIT.RunningApp.launch(work.resolve("review-data"), Map.of(
                "TIPLINE_ROLE", "review", "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                "TIPLINE_OFFICE_KMS_KEY_URI", keyUri.toString(),
                "TIPLINE_OFFICE_KEYSET", keyset.toString()), PackagedAppIT.freePort(), refusedLog);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as("stops by itself").isTrue();
        assertThat(refused.exitValue()).isNotZero();
        String output = Files.readString(refusedLog).strip();
        assertThat(output).isEqualTo("tipline cannot start: the office keyset " + keyset + " cannot be unlocked: "
                + noIntegration);
    }

    @Test
    void anAwsKmsKeysetIsMadeAndOpenedByThePackagedAppWithNothingFromTheSdkInItsOutput() throws Exception {
        String keyArn = "arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        String keyUri = "aws-kms://" + keyArn;
        Path officeData = work.resolve("office");
        Path keyset = officeData.resolve("keys").resolve("office-keyset.json");
        Path credentials = Files.writeString(work.resolve("aws.properties"), "accessKey=AKIDTEST\nsecretKey=test\n");
        try (LoopbackAwsKms kms = new LoopbackAwsKms(keyArn)) {
            // The SDK's own setting for another KMS endpoint (a VPC endpoint; here the loopback KMS).
            Map<String, String> endpoint = Map.of("AWS_ENDPOINT_URL_KMS", kms.endpoint());
            Run init = keys(officeData, endpoint, "init", "--kem", "x25519", "--kms-key-uri", keyUri,
                    "--kms-credentials-file", credentials.toString());
            assertThat(init.exitCode()).as(init.err()).isZero();
            assertThat(init.err()).isEmpty();
            assertThat(init.out()).contains("Created the office keyset").contains(keyUri);
            assertThat(kms.operations()).containsExactly("encrypt", "decrypt");

            Path log = work.resolve("review-aws.log");
            try (PackagedAppIT.RunningApp app = PackagedAppIT.RunningApp.start(work.resolve("review-data"), Map.of(
                    "TIPLINE_ROLE", "review", "TIPLINE_ALLOW_EMBEDDED_DATABASE", "true",
                    "TIPLINE_OFFICE_KEYSET", keyset.toString(),
                    "TIPLINE_OFFICE_KMS_KEY_URI", keyUri,
                    "TIPLINE_OFFICE_KMS_CREDENTIALS_FILE", credentials.toString(),
                    "AWS_ENDPOINT_URL_KMS", kms.endpoint()), log)) {
                assertThat(app.process().isAlive()).isTrue();
            }
            assertThat(kms.operations()).as("the review role unlocked the keyset through AWS KMS")
                    .containsExactly("encrypt", "decrypt", "decrypt", "decrypt");
            assertThat(Files.readString(log)).doesNotContain("software.amazon").doesNotContain("awssdk")
                    .doesNotContain("WARN").doesNotContain("Exception");
        }
    }

    @Test
    void theCloudIntegrationsLoadInThePackagedAppAndBadCredentialsAreOneLine() throws Exception {
        Path officeData = work.resolve("office");
        Path keyset = officeData.resolve("keys").resolve("office-keyset.json");
        // Neither is ever sent anywhere: each is refused while the client is made.
        Path awsCredentials = Files.writeString(work.resolve("aws.properties"), "accessKey=\n");
        Path gcpCredentials = Files.writeString(work.resolve("service-account.json"), "{\"type\":\"service_account\"}");
        String awsUri = "aws-kms://arn:aws:kms:eu-west-1:111122223333:key/" + UUID.randomUUID();
        String gcpUri = "gcp-kms://projects/office/locations/global/keyRings/tipline/cryptoKeys/" + UUID.randomUUID();

        Run aws = keys(officeData, "init", "--kem", "x25519", "--kms-key-uri", awsUri,
                "--kms-credentials-file", awsCredentials.toString());
        assertThat(aws.exitCode()).isEqualTo(1);
        assertThat(aws.err()).startsWith("tipline keys: no usable credentials for the KMS key " + awsUri + " were found (")
                .hasLineCount(1);
        Run gcp = keys(officeData, "init", "--kem", "x25519", "--kms-key-uri", gcpUri,
                "--kms-credentials-file", gcpCredentials.toString());
        assertThat(gcp.exitCode()).isEqualTo(1);
        assertThat(gcp.err()).startsWith("tipline keys: no usable credentials for the KMS key " + gcpUri + " were found (")
                .hasLineCount(1);
        assertThat(aws.out() + gcp.out()).isEmpty();
        assertThat(keyset).doesNotExist();
    }
}
