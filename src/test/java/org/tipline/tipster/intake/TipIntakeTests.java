package org.tipline.tipster.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.Bindings;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tip.TipPlaintext;

@QuarkusTest
@WithTestResource(TestDatabase.class)
class TipIntakeTests {

    private final TipRows rows;
    private final Pool pool;
    private final IntakeService intake;

    TipIntakeTests(AgroalDataSource dataSource, Pool pool, IntakeService intake) {
        this.rows = new TipRows(dataSource);
        this.pool = pool;
        this.intake = intake;
    }

    @Test
    void theStartUpWarmUpPreparesATipButStoresNothing() {
        long tips = rows.count();
        long dialogues = rows.queryLong("select count(*) from tip_dialogue");

        intake.warmUpOnce().await().atMost(Duration.ofSeconds(30));

        assertThat(rows.count()).isEqualTo(tips);
        assertThat(rows.queryLong("select count(*) from tip_dialogue")).isEqualTo(dialogues);
    }

    @Test
    void storesTheTipEncryptedAndAnswersWithAReceipt() throws Exception {
        Map<String, Object> tip = Map.of(
                "category", "theft",
                "description", "Stolen bikes are stored in the garage behind 12 Elm Street.",
                "location", "12 Elm Street",
                "occurredAt", "2026-11-20T21:30",
                "language", "en",
                "details", Map.of("vehicle", "white van", "plate", "unknown"));

        String reference = given().contentType(ContentType.JSON).body(tip)
                .when().post("/api/v1/tips")
                .then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "no-store")
                .body("reference", matchesPattern("TIP(-[0-9A-HJKMNP-TV-Z]{4}){4}"))
                .body("receivedOn", equalTo(LocalDate.now(ZoneOffset.UTC).toString()))
                .extract().path("reference");

        TipRows.TipRow row = rows.byReference(reference);
        assertThat(row).isNotNull();
        assertThat(row.id().version()).isEqualTo(4);
        assertThat(row.category()).isEqualTo("theft");
        assertThat(row.status()).isEqualTo("new");
        assertThat(row.formatVersion()).isEqualTo(Bindings.TIP_FORMAT_VERSION);
        assertThat(row.receivedAt().toEpochMilli() % Duration.ofHours(1).toMillis())
                .as("received time is truncated to the hour").isZero();
        assertThat(new String(row.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("Elm Street").doesNotContain("white van");

        TipPlaintext plaintext = OfficeKeyForTests.open(row);
        assertThat(plaintext.description()).isEqualTo("Stolen bikes are stored in the garage behind 12 Elm Street.");
        assertThat(plaintext.location()).isEqualTo("12 Elm Street");
        assertThat(plaintext.occurredAt()).isEqualTo("2026-11-20T21:30");
        assertThat(plaintext.language()).isEqualTo("en");
        assertThat(plaintext.details()).containsExactlyInAnyOrderEntriesOf(
                Map.of("vehicle", "white van", "plate", "unknown"));
    }

    @Test
    void theSealedPlaintextIsCanonicalJson() throws Exception {
        String reference = given().contentType(ContentType.JSON)
                .body("{\"details\":{\"b\":\"2\",\"a\":\"1\"},  \"description\":\"x\",\"category\":\"other\"}")
                .post("/api/v1/tips").then().statusCode(201).extract().path("reference");
        TipRows.TipRow row = rows.byReference(reference);
        String json = new String(OfficeKeyForTests.openRaw(row.id(), row.formatVersion(), row.ciphertext()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json.stripTrailing()).isEqualTo(
                "{\"category\":\"other\",\"description\":\"x\",\"details\":{\"a\":\"1\",\"b\":\"2\"},\"formatVersion\":1}");
        assertThat(json.length() % 256).as("padded to a multiple of 256 bytes").isZero();
        assertThat(json.substring(json.stripTrailing().length())).isBlank();
    }

    @Test
    void eachTipIsEncryptedSeparately() {
        String body = "{\"category\":\"fraud\",\"description\":\"the same words twice\"}";
        List<String> references = List.of(
                given().contentType(ContentType.JSON).body(body).post("/api/v1/tips").then().statusCode(201)
                        .extract().path("reference"),
                given().contentType(ContentType.JSON).body(body).post("/api/v1/tips").then().statusCode(201)
                        .extract().path("reference"));
        byte[] first = rows.byReference(references.get(0)).ciphertext();
        byte[] second = rows.byReference(references.get(1)).ciphertext();
        assertThat(first).isNotEqualTo(second);
        assertThat(references.get(0)).isNotEqualTo(references.get(1));
    }

    @Test
    void acceptsEveryDocumentedFormOfOccurredAt() {
        for (String when : List.of("2026-11-20", "2026-11-20T21:30", "2026-11-20T21:30:00-05:00", "2026-11")) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("category", "other", "description", "when test", "occurredAt", when))
                    .post("/api/v1/tips").then().statusCode(201);
        }
    }

    @Test
    void publishesTheOfficePublicKeyset() {
        io.restassured.response.Response answer = given().get("/api/v1/office-key");
        answer.then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("keyIds.size()", equalTo(1))
                .body("keyset.key[0].keyData.keyMaterialType", equalTo("ASYMMETRIC_PUBLIC"));
        long primary = ((Number) answer.path("primaryKeyId")).longValue();
        assertThat(((Number) answer.path("keyset.primaryKeyId")).longValue()).isEqualTo(primary);
        assertThat(((Number) answer.path("keyIds[0]")).longValue()).isEqualTo(primary);
        assertThat(answer.asString()).doesNotContain("ASYMMETRIC_PRIVATE");
    }

    @Test
    void servesAnOpenApiDocument() {
        given().accept("application/json").get("/api/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/tips'.post.responses.'201'", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theInsertPathCommitsSynchronously() {
        String setting = pool.query("show synchronous_commit").execute()
                .map(result -> result.iterator().next().getString(0))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(setting).isEqualTo("on");
        assertThat(rows.show("fsync")).isEqualTo("on");
    }
}
