package org.tipline.office.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.tipline.office.audit.AuditRows.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tipline.testing.TestDatabase;

/** The audit API: its JSON, who may use it, and how it refuses bad parameters. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class AuditResourceTests {

    private static final String BASE = "/api/v1/review/audit";
    private static final String MARK = "ZQX-ECHO-MARK";

    private final AuditService audit;
    private final AuditRows rows;

    AuditResourceTests(AuditService audit, AgroalDataSource dataSource) {
        this.audit = audit;
        this.rows = new AuditRows(dataSource);
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void headShowsTheNewestEntry() {
        AuditEntry entry = await(() -> audit.append(AuditEvent.of("rita", AuditAction.SESSION_LOGIN)));
        AuditRows.Row row = rows.get(entry.seq());

        JsonPath head = given().when().get(BASE + "/head")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .extract().jsonPath();

        assertThat(head.getLong("seq")).isEqualTo(rows.maxSeq()).isGreaterThanOrEqualTo(entry.seq());
        if (head.getLong("seq") == entry.seq()) {
            assertThat(head.getString("hash")).isEqualTo(AuditChain.hex(row.hash()));
            assertThat(head.getString("at")).isEqualTo(row.at().toInstant().toString());
        }
        assertThat(head.getString("hash")).matches("[0-9a-f]{64}");
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void listShowsEntriesAsJson() {
        AuditEntry entry = await(() -> audit.append(new AuditEvent("rita", AuditAction.TIP_READ, "TIP-7KQ3-9XHD-M2PF-4RTA",
                "follow-up call", Map.of("field", "description"))));
        String from = entry.at().toString();

        ValidatableResponse response = given().queryParam("from", from).queryParam("size", "200")
                .when().get(BASE)
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("page", equalTo(0))
                .body("size", equalTo(200));
        List<Map<String, Object>> entries = response.extract().jsonPath().getList("entries");
        Map<String, Object> shown = entries.stream()
                .filter(e -> ((Number) e.get("seq")).longValue() == entry.seq()).findFirst().orElseThrow();
        assertThat(shown).containsEntry("actor", "rita")
                .containsEntry("action", "tip.read")
                .containsEntry("tipReference", "TIP-7KQ3-9XHD-M2PF-4RTA")
                .containsEntry("purpose", "follow-up call")
                .containsEntry("detail", Map.of("field", "description"))
                .containsEntry("hash", entry.hashHex())
                .containsEntry("prevHash", entry.prevHashHex())
                .containsEntry("at", entry.at().toString());
        assertThat(entries).extracting(e -> ((Number) e.get("seq")).longValue()).isSorted();
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void listNarrowsToAnActorAnActionAndATipAndSaysWhetherMoreFollow() {
        String actor = "filter-" + java.util.UUID.randomUUID();
        String tip = "TIP-7KQ3-9XHD-M2PF-4RT0";
        AuditEntry first = await(() -> audit.append(new AuditEvent(actor, AuditAction.TIP_READ, tip, "one", null)));
        await(() -> audit.append(new AuditEvent(actor, AuditAction.NOTE_READ, tip, "two", null)));
        await(() -> audit.append(new AuditEvent(actor, AuditAction.TIP_READ, "TIP-7KQ3-9XHD-M2PF-4RTB", "three", null)));
        await(() -> audit.append(new AuditEvent("someone-else", AuditAction.TIP_READ, tip, "four", null)));
        String from = first.at().toString();

        assertThat(purposes(given().queryParam("from", from).queryParam("actor", actor))).containsExactly("one", "two", "three");
        assertThat(purposes(given().queryParam("actor", actor).queryParam("action", "tip.read"))).containsExactly("one", "three");
        // A reference is matched however it is typed.
        assertThat(purposes(given().queryParam("from", from).queryParam("tipReference", "tip 7kq3 9xhd m2pf 4rto")))
                .containsExactly("one", "two", "four");
        assertThat(purposes(given().queryParam("actor", actor).queryParam("action", "tip.read")
                .queryParam("tipReference", tip))).containsExactly("one");

        // Pages of two: the first says more follow, the second holds the rest and says none do.
        given().queryParam("actor", actor).queryParam("size", "2").when().get(BASE).then().statusCode(200)
                .body("more", equalTo(true)).body("entries.purpose", equalTo(List.of("one", "two")));
        given().queryParam("actor", actor).queryParam("size", "2").queryParam("page", "1").when().get(BASE).then()
                .statusCode(200).body("page", equalTo(1)).body("more", equalTo(false))
                .body("entries.purpose", equalTo(List.of("three")));
        given().queryParam("actor", actor).queryParam("size", "3").when().get(BASE).then().statusCode(200)
                .body("more", equalTo(false));
        problem(given().queryParam("actor", "a".repeat(201)).when().get(BASE).then(), 400, "invalid-field")
                .body("errors.field", hasItem("actor"));
        problem(given().queryParam("actor", "tab\there").when().get(BASE).then(), 400, "invalid-field")
                .body("errors.field", hasItem("actor"));
    }

    private static List<String> purposes(io.restassured.specification.RequestSpecification request) {
        return request.queryParam("size", "200").when().get(BASE).then().statusCode(200).extract().jsonPath()
                .getList("entries.purpose", String.class);
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void entriesWithoutOptionalFieldsLeaveThemOut() {
        AuditEntry entry = await(() -> audit.append(AuditEvent.of("rita", AuditAction.SESSION_LOGIN)));
        String mine = "entries.find { it.seq == " + entry.seq() + " }";
        given().queryParam("from", entry.at().toString()).queryParam("size", "200")
                .when().get(BASE)
                .then().statusCode(200)
                .body(mine + ".actor", equalTo("rita"))
                .body(mine, not(org.hamcrest.Matchers.hasKey("purpose")))
                .body(mine, not(org.hamcrest.Matchers.hasKey("detail")))
                .body(mine, not(org.hamcrest.Matchers.hasKey("tipReference")));
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void verifyReportsAnIntactChainAndChecksAnAnchor() {
        AuditHead head = await(() -> audit.append(AuditEvent.of("rita", AuditAction.SESSION_LOGIN)).replaceWith(audit.head()));
        given().when().get(BASE + "/verify")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("ok", equalTo(true))
                .body("brokenSeq", nullValue())
                .body("reason", nullValue())
                .body("head.hash", matchesPattern("[0-9a-f]{64}"));

        given().queryParam("anchorSeq", head.seq()).queryParam("anchorHash", head.hash().toUpperCase())
                .when().get(BASE + "/verify")
                .then().statusCode(200)
                .body("ok", equalTo(true));

        given().queryParam("anchorSeq", head.seq()).queryParam("anchorHash", "ab".repeat(32))
                .when().get(BASE + "/verify")
                .then().statusCode(200)
                .body("ok", equalTo(false))
                .body("reason", equalTo("anchor-mismatch"))
                .body("brokenSeq", equalTo((int) head.seq()));
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void verifyReportsWhereTheChainBreaks() {
        AuditEntry entry = await(() -> audit.append(AuditEvent.of("rita", AuditAction.TIP_READ)));
        AuditRows.Row saved = rows.get(entry.seq());
        rows.tamper("update audit_entry set actor = 'mallory' where seq = ?", entry.seq());
        try {
            given().when().get(BASE + "/verify")
                    .then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("brokenSeq", equalTo((int) entry.seq()))
                    .body("reason", equalTo("hash-mismatch"))
                    .body("checked", equalTo((int) entry.seq() - 1));
        } finally {
            rows.restore(List.of(saved));
        }
        given().when().get(BASE + "/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "/head", "/verify"})
    void noIdentityGets401(String path) {
        problem(given().when().get(BASE + path).then(), 401, "unauthorized")
                .header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "/head", "/verify"})
    @TestSecurity(user = "rita", roles = {"reviewer", "coordinator", "admin"})
    void anotherRoleGets403(String path) {
        problem(given().when().get(BASE + path).then(), 403, "forbidden")
                .header("WWW-Authenticate", nullValue());
    }

    @Test
    void badParametersAreCheckedOnlyAfterTheRole() {
        problem(given().queryParam("size", MARK).when().get(BASE).then(), 401, "unauthorized");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            from       | ZQX-ECHO-MARK
            from       | 2026-11-25T14:00:00
            from       | 2026-13-01
            to         | ZQX-ECHO-MARK
            page       | -1
            page       | ZQX-ECHO-MARK
            page       | 99999999999999999999
            page       | 2147483647
            size       | 0
            size       | 201
            size       | 1.5
            size       | ZQX-ECHO-MARK
            action     | ZQX-ECHO-MARK
            action     | tip
            action     | tip.read;drop
            tipReference | ZQX-ECHO-MARK
            tipReference | TIP-7KQ3-9XHD-M2PF
            """)
    @TestSecurity(user = "audrey", roles = "auditor")
    void badListParametersAre400NamingTheParameter(String name, String value) {
        ValidatableResponse response = problem(given().queryParam(name, value).when().get(BASE).then(), 400,
                "invalid-field")
                .body("errors.field", hasItem(name));
        if (value.length() >= 8) {
            response.body(not(containsString(value)));
        }
    }

    @Test
    @TestSecurity(user = "audrey", roles = "auditor")
    void aRangeThatEndsBeforeItStartsIs400() {
        problem(given().queryParam("from", "2026-11-25T14:00:00Z").queryParam("to", "2026-11-24")
                .when().get(BASE).then(), 400, "invalid-field")
                .body("errors.field", hasItem("to"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            anchorSeq  | ZQX-ECHO-MARK  | abababababababababababababababababababababababababababababababab
            anchorSeq  | -1             | abababababababababababababababababababababababababababababababab
            anchorHash | 5              | ZQX-ECHO-MARK
            anchorHash | 5              | abab
            anchorHash | 5              |
            anchorSeq  |                | abababababababababababababababababababababababababababababababab
            """)
    @TestSecurity(user = "audrey", roles = "auditor")
    void badAnchorsAre400NamingTheParameter(String name, String seq, String hash) {
        var request = given();
        if (seq != null) {
            request.queryParam("anchorSeq", seq);
        }
        if (hash != null) {
            request.queryParam("anchorHash", hash);
        }
        problem(request.when().get(BASE + "/verify").then(), 400, "invalid-field")
                .body("errors.field", hasItem(name))
                .body(not(containsString(MARK)));
    }

    @Test
    void theOpenApiDocumentDescribesTheAuditApi() {
        given().queryParam("format", "json").when().get("/api/openapi")
                .then().statusCode(200)
                .body("paths.'/api/v1/review/audit/verify'.get.responses.'403'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/review/audit/head'.get.responses.'200'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/review/audit'.get.parameters.name", hasItem("size"))
                .body("paths.'/api/v1/review/audit'.get.parameters.name", hasItem("tipReference"));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String type) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("status", equalTo(status))
                .body("type", equalTo("/problems/" + type))
                .body(not(containsString(MARK)))
                .body(not(containsString("Exception")));
    }
}
