package org.tipline.tipster.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tipline.fuzz.RawHttp;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** Every bad input gets its status and a problem+json body that echoes nothing, and no row is written. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class BadInputTests {

    private static final String MARK = "ZQX-ECHO-MARK";
    private final TipRows rows;
    private final MeterRegistry metrics;

    @TestHTTPResource("/")
    URI base;

    private final IntakeService intake;

    BadInputTests(AgroalDataSource dataSource, MeterRegistry metrics, IntakeService intake) {
        this.rows = new TipRows(dataSource);
        this.metrics = metrics;
        this.intake = intake;
    }

    @BeforeEach
    void waitForTheWarmUp() throws Exception {
        // The start-up warm-up runs one Argon2id and two seals; it must be over before counting.
        intake.warmedUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Argon2id derivations and office-key encryptions so far: a refusal must cost neither. */
    private List<Double> expensiveWork() {
        return List.of(metrics.get("tipline.kdf.tasks").counter().count(),
                metrics.get("tipline.office-key.seals").counter().count());
    }

    @Test
    void aTipCostsOneArgon2idAndTwoSeals() {
        List<Double> before = expensiveWork();
        given().contentType("application/json").body("{\"category\":\"drugs\",\"description\":\"counted\"}")
                .post("/api/v1/tips").then().statusCode(201);
        List<Double> after = expensiveWork();
        assertThat(after.get(0) - before.get(0)).isEqualTo(1.0);
        assertThat(after.get(1) - before.get(1)).isEqualTo(2.0);
    }

    private ValidatableResponse refused(String contentType, byte[] body, int status) {
        long before = rows.count();
        List<Double> workBefore = expensiveWork();
        ValidatableResponse response = given().contentType(contentType).body(body)
                .when().post("/api/v1/tips")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("status", equalTo(status))
                .body("type", org.hamcrest.Matchers.startsWith("/problems/"))
                .body(not(containsString(MARK)))
                .body(not(containsString("Exception")))
                .body(not(containsString("at org.")));
        assertThat(rows.count()).as("no row written").isEqualTo(before);
        assertThat(expensiveWork()).as("no Argon2id and no public-key work for a refused tip").isEqualTo(workBefore);
        return response;
    }

    private ValidatableResponse refusedJson(String json, int status) {
        return refused("application/json", json.getBytes(StandardCharsets.UTF_8), status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated JSON          | {"category":"drugs","description":"ZQX-ECHO-MARK"                   | malformed-json
            not an object           | ["ZQX-ECHO-MARK"]                                                  | malformed-json
            duplicate key           | {"category":"drugs","description":"a","description":"ZQX-ECHO-MARK"} | malformed-json
            trailing content        | {"category":"drugs","description":"a"} {"ZQX-ECHO-MARK":1}          | malformed-json
            number for a string     | {"category":"drugs","description":12345}                           | invalid-field
            detail value not string | {"category":"drugs","description":"a","details":{"ZQX-ECHO-MARK":7}} | invalid-field
            unknown field           | {"category":"drugs","description":"a","ZQX-ECHO-MARK":"x"}          | unknown-field
            """)
    void malformedOrMistypedJsonIs400(String name, String json, String type) {
        refusedJson(json, 400).body("type", equalTo("/problems/" + type));
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        refusedJson("{\"location\":\"ZQX-ECHO-MARK\"}", 400)
                .body("type", equalTo("/problems/invalid-field"))
                .body("errors.field", hasItem("category"))
                .body("errors.field", hasItem("description"));
    }

    @Test
    void emptyBodyIs400() {
        refused("application/json", new byte[0], 400);
    }

    @Test
    void unknownCategoryIs400NamingTheField() {
        refusedJson("{\"category\":\"ZQX-ECHO-MARK\",\"description\":\"a\"}", 400)
                .body("errors[0].field", equalTo("category"));
    }

    @Test
    void blankOrOverlongDescriptionIs400() {
        refusedJson("{\"category\":\"drugs\",\"description\":\"   \"}", 400).body("errors.field", hasItem("description"));
        refusedJson("{\"category\":\"drugs\",\"description\":\"" + "x".repeat(20_001) + "\"}", 400)
                .body("errors.field", hasItem("description"));
    }

    @Test
    void aDescriptionOfExactly20000CharactersIsAccepted() {
        given().contentType("application/json")
                .body("{\"category\":\"drugs\",\"description\":\"" + "x".repeat(20_000) + "\"}")
                .post("/api/v1/tips").then().statusCode(201);
    }

    @Test
    void badOccurredAtAndLanguageAre400() {
        refusedJson("{\"category\":\"drugs\",\"description\":\"a\",\"occurredAt\":\"last ZQX-ECHO-MARK\"}", 400)
                .body("errors[0].field", equalTo("occurredAt"));
        refusedJson("{\"category\":\"drugs\",\"description\":\"a\",\"language\":\"ZQX-ECHO-MARK!\"}", 400)
                .body("errors[0].field", equalTo("language"));
    }

    @Test
    void tooManyDetailsAre400() {
        StringBuilder details = new StringBuilder("{");
        for (int i = 0; i < 51; i++) {
            details.append(i == 0 ? "" : ",").append("\"q").append(i).append("\":\"ZQX-ECHO-MARK\"");
        }
        details.append('}');
        refusedJson("{\"category\":\"drugs\",\"description\":\"a\",\"details\":" + details + "}", 400)
                .body("errors.field", hasItem("details"));
    }

    @Test
    void deepNestingIs400() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        refusedJson("{\"category\":\"drugs\",\"description\":\"a\",\"details\":" + deep + "}", 400);
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = "{\"category\":\"drugs\",\"description\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        refused("application/json", body, 400).body("type", equalTo("/problems/malformed-json"));
    }

    @Test
    void theLargestValidTipEscapedAsUnicodeEscapesIsTaken() {
        long before = rows.count();
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String name = String.format("%02d", i) + "\\u00e9".repeat(98);
            String value = "\\u00e9".repeat(i < 20 ? 1_000 : 0);
            details.append(i == 0 ? "" : ",").append('"').append(name).append("\":\"").append(value).append('"');
        }
        String body = "{\"category\":\"drugs\",\"description\":\"" + "\\u00e9".repeat(20_000)
                + "\",\"location\":\"" + "\\u00e9".repeat(1_000) + "\",\"occurredAt\":\"2026-11-20T21:30:00-05:00\","
                + "\"language\":\"fr-CA\",\"details\":{" + details + "}}";
        assertThat(body.length()).as("escaped body bytes").isGreaterThan(270_000);
        given().contentType("application/json").body(body.getBytes(StandardCharsets.US_ASCII)).post("/api/v1/tips")
                .then().statusCode(201).body("reference", org.hamcrest.Matchers.startsWith("TIP-"));
        assertThat(rows.count()).isEqualTo(before + 1);
    }

    @Test
    void questionnaireAnswersOverTwentyThousandCharactersInAllAre400() {
        long before = rows.count();
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            details.append(i == 0 ? "" : ",").append("\"q").append(i).append("\":\"").append("a".repeat(4_000)).append('"');
        }
        String body = "{\"category\":\"drugs\",\"description\":\"x\",\"details\":{" + details + "}}";
        refusedJson(body, 400).body("type", equalTo("/problems/invalid-field"))
                .body("errors[0].field", equalTo("details"));
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"category\":\"drugs\",\"description\":\"" + "y".repeat(330_000) + "\"}";
        refusedJson(big, 413).body("type", equalTo("/problems/too-large"));
    }

    @Test
    void chunkedBodyOverTheLimitIs413() {
        long before = rows.count();
        byte[] big = ("{\"category\":\"drugs\",\"description\":\"" + "y".repeat(330_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json").body(new java.io.ByteArrayInputStream(big))
                .post("/api/v1/tips")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-large"));
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void wrongContentTypeIs415() {
        refused("text/plain", "{\"category\":\"drugs\",\"description\":\"ZQX-ECHO-MARK\"}".getBytes(StandardCharsets.UTF_8), 415)
                .body("type", equalTo("/problems/unsupported-media-type"));
        refused("application/xml", "<tip>ZQX-ECHO-MARK</tip>".getBytes(StandardCharsets.UTF_8), 415);
    }

    @ParameterizedTest(name = "Content-Type \"{0}\"")
    @CsvSource(delimiter = '|', textBlock = """
            (none)
            ''
            */*
            application/*
            ;;;
            """)
    void aMissingEmptyOrWildcardContentTypeIs415(String contentType) throws Exception {
        long before = rows.count();
        byte[] body = "{\"category\":\"drugs\",\"description\":\"a tip without its type\"}".getBytes(StandardCharsets.UTF_8);
        try (RawHttp http = new RawHttp(base)) {
            List<String[]> headers = new ArrayList<>();
            headers.add(new String[] {"Host", http.authority()});
            if (!contentType.equals("(none)")) {
                headers.add(new String[] {"Content-Type", contentType});
            }
            headers.add(new String[] {"Content-Length", Integer.toString(body.length)});
            RawHttp.Answer answer = http.exchange(RawHttp.request("POST /api/v1/tips HTTP/1.1", headers, body), false);
            assertThat(answer.status()).isEqualTo(415);
            assertThat(answer.header("content-type")).startsWith("application/problem+json");
            assertThat(answer.bodyText()).contains("/problems/unsupported-media-type");
        }
        assertThat(rows.count()).as("no row written").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            overlong '/'            | C0AF
            overlong NUL            | C080
            overlong three-byte '/' | E080AF
            encoded surrogate       | EDA080
            beyond U+10FFFF         | F4908080
            """)
    void bytesThatAreNotWellFormedUtf8Are400(String name, String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        byte[] start = "{\"category\":\"drugs\",\"description\":\"ZQX-ECHO-MARK ".getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + bad.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(bad, 0, body, start.length, bad.length);
        System.arraycopy(end, 0, body, start.length + bad.length, end.length);
        refused("application/json", body, 400).body("type", equalTo("/problems/malformed-json"));
    }

    @Test
    void aUtf16BodyIs400() {
        String json = "{\"category\":\"drugs\",\"description\":\"ZQX-ECHO-MARK\"}";
        refused("application/json", json.getBytes(StandardCharsets.UTF_16LE), 400).body("type", equalTo("/problems/malformed-json"));
        refused("application/json", json.getBytes(StandardCharsets.UTF_16BE), 400).body("type", equalTo("/problems/malformed-json"));
    }

    @Test
    void wrongMethodIs405() {
        long before = rows.count();
        for (String method : new String[] {"GET", "PUT", "DELETE", "PATCH"}) {
            given().contentType("application/json").body("{}").request(method, "/api/v1/tips")
                    .then().statusCode(405).contentType("application/problem+json")
                    .body("type", equalTo("/problems/method-not-allowed"));
        }
        assertThat(rows.count()).isEqualTo(before);
    }

    @Test
    void unknownPathIs404() {
        given().get("/api/v1/ZQX-ECHO-MARK/../../etc/passwd")
                .then().statusCode(404).contentType("application/problem+json")
                .body(not(containsString(MARK)));
        given().get("/api/v1/tips/TIP-0000-0000-0000-0000")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(404)).or(equalTo(405)))
                .contentType("application/problem+json");
    }
}
