package org.tipline.tipster.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.testing.LeakScan;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;

/**
 * Passphrases, the headers that carry them and session tokens are never written: not to
 * the PostgreSQL files (WAL included), the application log, the temp directory or an
 * error body. Wrong passphrases, which take the error paths, are searched for too.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class PassphraseLeakTests {

    private static final Path APP_LOG_DIR = Path.of("target", "test-logs");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noPassphraseOrTokenIsWrittenAnywhere() throws Exception {
        SecureRandom random = new SecureRandom();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Tipster tipster = Tipsters.submit("leak scan tip " + i);
            secrets.add(tipster.passphrase());
            secrets.add(tipster.authorization().substring("Tipster ".length()));
            tipster.mailbox().then().statusCode(200);
            tipster.reply("answer " + i).then().statusCode(201);
            String token = given().header("Authorization", tipster.authorization()).post("/api/v1/followup/session")
                    .then().statusCode(201).extract().path("token");
            secrets.add(token);
            given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(200);

            String wrong = TipsterPassphrase.generate(random);
            secrets.add(wrong);
            Response refused = given().header("Authorization", Tipsters.header(tipster.reference(), wrong))
                    .contentType("application/json").body(Map.of("text", "x")).post("/api/v1/followup/messages");
            refused.then().statusCode(401);
            assertThat(refused.asString()).doesNotContain(wrong).doesNotContain(tipster.reference());
            Response malformed = given().header("Authorization", "Tipster " + wrong).get("/api/v1/followup");
            assertThat(malformed.asString()).doesNotContain(wrong);
        }

        TipRows rows = new TipRows(dataSource);
        rows.execute("checkpoint");
        rows.execute("select pg_switch_wal()");
        List<byte[]> markers = secrets.stream().map(LeakScan::utf8).toList();
        assertThat(LeakScan.filesHolding(Path.of(rows.show("data_directory")), markers))
                .as("PostgreSQL files holding a passphrase or token").isEmpty();
        assertThat(LeakScan.filesHolding(APP_LOG_DIR, markers)).as("logs holding a passphrase or token").isEmpty();
        assertThat(Files.size(APP_LOG_DIR.resolve("tipline.log"))).as("the log was captured").isPositive();
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        long since = System.currentTimeMillis() - 15 * 60_000L;
        List<Path> recentTemp = new ArrayList<>();
        try (var files = Files.list(temp)) {
            files.filter(file -> {
                try {
                    return Files.getLastModifiedTime(file).toMillis() > since;
                } catch (java.io.IOException e) {
                    return false;
                }
            }).forEach(recentTemp::add);
        }
        for (Path file : recentTemp) {
            if (Files.isReadable(file)) {
                assertThat(LeakScan.filesHolding(file, markers)).as("temp files holding a passphrase or token").isEmpty();
            }
        }
    }
}
