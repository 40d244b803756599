package org.tipline.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tipline.intake.TipPlaintext;
import org.tipline.testing.LeakScan;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * The tipster's origin leaves no trace: a marker IP and user agent sent with many tips,
 * and a plaintext canary in the body, appear nowhere in the PostgreSQL files (WAL
 * included) or the application log. The canary comes back only through the office key.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class OriginLeakTests {

    private static final String MARKER_IP = "203.0.113.77";
    private static final String MARKER_AGENT = "canary-agent/9.9";
    private static final String MARKER_REFERER = "https://leak-marker.example/page";
    private static final Path APP_LOG = Path.of("target", "test-logs", "tipline.log");

    private final TipRows rows;

    OriginLeakTests(AgroalDataSource dataSource) {
        this.rows = new TipRows(dataSource);
    }

    @Test
    void noOriginMarkerOrPlaintextIsWrittenAnywhere() throws Exception {
        String canary = "CANARY-" + UUID.randomUUID();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            references.add(given()
                    .header("X-Forwarded-For", MARKER_IP)
                    .header("X-Real-IP", MARKER_IP)
                    .header("Forwarded", "for=" + MARKER_IP)
                    .header("User-Agent", MARKER_AGENT)
                    .header("Referer", MARKER_REFERER)
                    .header("Cookie", "tracker=" + MARKER_AGENT)
                    .contentType("application/json")
                    .body(Map.of("category", "drugs", "description", canary + " tip number " + i,
                            "location", canary, "details", Map.of("note", canary)))
                    .post("/api/v1/tips")
                    .then().statusCode(201).extract().<String>path("reference"));
        }
        // Bad requests too: error paths must not record origin data either.
        given().header("X-Forwarded-For", MARKER_IP).header("User-Agent", MARKER_AGENT)
                .contentType("application/json").body("{\"category\":\"" + canary + "\"")
                .post("/api/v1/tips").then().statusCode(400);

        rows.execute("checkpoint");
        rows.execute("select pg_switch_wal()");
        Path dataDirectory = Path.of(rows.show("data_directory"));

        List<byte[]> markers = List.of(bytes(MARKER_IP), bytes(MARKER_AGENT), bytes(MARKER_REFERER), bytes(canary));
        assertThat(filesHolding(dataDirectory, markers)).as("PostgreSQL files holding a marker").isEmpty();
        assertThat(filesHolding(APP_LOG, markers)).as("application log holding a marker").isEmpty();
        assertThat(Files.size(APP_LOG)).as("the log was captured").isPositive();

        TipPlaintext opened = OfficeKeyForTests.open(rows.byReference(references.get(42)));
        assertThat(opened.description()).isEqualTo(canary + " tip number 42");
    }

    private static byte[] bytes(String text) {
        return LeakScan.utf8(text);
    }

    static List<Path> filesHolding(Path root, List<byte[]> markers) throws IOException {
        return LeakScan.filesHolding(root, markers);
    }
}
