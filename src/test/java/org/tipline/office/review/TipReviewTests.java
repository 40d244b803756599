package org.tipline.office.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** The office reads and works tips within its remit, and every decryption is audited first. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class TipReviewTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private OfficeAccounts accounts;
    private TipRows rows;

    @BeforeEach
    void helpers() {
        accounts = new OfficeAccounts(dataSource, officeKey);
        rows = new TipRows(dataSource);
    }

    private String submit(String description) {
        return given().contentType("application/json")
                .body(Map.of("category", "drugs", "description", description, "location", "Pier 4"))
                .post("/api/v1/tips").then().statusCode(201).extract().path("reference");
    }

    /** Every reference the token may list, following the cursors. */
    private static List<String> listAll(String token) {
        List<String> all = new java.util.ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            io.restassured.specification.RequestSpecification request =
                    given().auth().oauth2(token).queryParam("size", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response response = request.get("/api/v1/review/tips");
            response.then().statusCode(200);
            all.addAll(response.path("items.reference"));
            if (!response.<Boolean>path("more")) {
                assertThat(response.<String>path("nextCursor")).isNull();
                return all;
            }
            cursor = response.path("nextCursor");
        }
        throw new AssertionError("more than 200 pages");
    }

    @Test
    void cursorAndPageNumbersWalkTheSameOrder() {
        for (int i = 0; i < 5; i++) {
            submit("ordering " + i);
        }
        String token = coordinatorToken();
        List<String> byCursor = listAll(token);
        List<String> byPage = new java.util.ArrayList<>();
        for (int page = 0; page < 500; page++) {
            Response response = given().auth().oauth2(token).queryParam("size", 7).queryParam("page", page)
                    .get("/api/v1/review/tips");
            byPage.addAll(response.path("items.reference"));
            if (!response.<Boolean>path("more")) {
                break;
            }
        }
        assertThat(byCursor).hasSizeGreaterThan(5).doesNotHaveDuplicates().isEqualTo(byPage);
        given().auth().oauth2(token).queryParam("cursor", "ZQX-not-a-cursor").get("/api/v1/review/tips")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"))
                .body(not(org.hamcrest.Matchers.containsString("ZQX")));
    }

    private String coordinatorToken() {
        return accounts.login(accounts.create("coord", List.of(ReviewerRole.COORDINATOR), List.of("default"), null));
    }

    @Test
    void aCoordinatorListsMetadataAndReadsATipWithExactlyOneAuditEntry() {
        String reference = submit("Boat unloads packages at night");
        String token = coordinatorToken();

        Response list = given().auth().oauth2(token).queryParam("size", 100).get("/api/v1/review/tips");
        list.then().statusCode(200);
        assertThat(list.asString()).doesNotContain("Boat unloads").doesNotContain("Pier 4");
        assertThat(listAll(token)).contains(reference);

        long auditBefore = rows.auditCount();
        given().auth().oauth2(token).queryParam("purpose", "triage of the night queue")
                .get("/api/v1/review/tips/" + reference)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tip.reference", equalTo(reference))
                .body("description", equalTo("Boat unloads packages at night"))
                .body("location", equalTo("Pier 4"));
        assertThat(rows.auditCount()).isEqualTo(auditBefore + 1);
        assertThat(rows.countWhere("audit_entry", "action = 'tip.read' and tip_reference = '" + reference
                + "' and purpose = 'triage of the night queue'")).isEqualTo(1);
    }

    @Test
    void aTypedReferenceInLowerCaseFindsTheTip() {
        String reference = submit("lower case lookup");
        given().auth().oauth2(coordinatorToken()).get("/api/v1/review/tips/" + reference.toLowerCase())
                .then().statusCode(200).body("tip.reference", equalTo(reference));
    }

    @Test
    void aReviewerSeesOnlyTipsAssignedToThemOrTheirUnit() {
        String mine = submit("assigned to the reviewer");
        String unitTip = submit("assigned to the unit");
        String other = submit("assigned to someone else");
        OfficeAccounts.Account reviewer = accounts.create("rev", List.of(ReviewerRole.REVIEWER), List.of("default"), "north");
        String coordinator = coordinatorToken();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignee", reviewer.username()))
                .patch("/api/v1/review/tips/" + mine).then().statusCode(200).body("status", equalTo("assigned"));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignedUnit", "north"))
                .patch("/api/v1/review/tips/" + unitTip).then().statusCode(200);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignedUnit", "south"))
                .patch("/api/v1/review/tips/" + other).then().statusCode(200);

        String token = accounts.login(reviewer);
        assertThat(listAll(token)).contains(mine, unitTip).doesNotContain(other);
        given().auth().oauth2(token).get("/api/v1/review/tips/" + mine).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/review/tips/" + unitTip).then().statusCode(200);

        long auditBefore = rows.auditCount();
        Response outside = given().auth().oauth2(token).get("/api/v1/review/tips/" + other);
        Response unknown = given().auth().oauth2(token).get("/api/v1/review/tips/TIP-0000-0000-0000-0000");
        outside.then().statusCode(404).contentType("application/problem+json");
        assertThat(outside.asString()).isEqualTo(unknown.asString());
        assertThat(rows.auditCount()).as("nothing decrypted, nothing audited").isEqualTo(auditBefore);
    }

    @Test
    void anotherProgramsTipIsInvisible() {
        String reference = submit("belongs to the northside program");
        rows.execute("update tip set program = 'northside' where reference = '" + reference + "'");
        String token = coordinatorToken();
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(404);
        assertThat(listAll(token)).doesNotContain(reference);
        String northside = accounts.login(accounts.create("ncoord", List.of(ReviewerRole.COORDINATOR), List.of("northside"), null));
        given().auth().oauth2(northside).get("/api/v1/review/tips/" + reference).then().statusCode(200);
    }

    @Test
    void rolesThatCannotReadTipsGet403AndNoTokenGets401() {
        String reference = submit("role checks");
        String auditor = accounts.login(accounts.create("aud", List.of(ReviewerRole.AUDITOR), List.of("default"), null));
        String admin = accounts.login(accounts.create("adm", List.of(ReviewerRole.ADMIN), List.of("default"), null));
        for (String token : List.of(auditor, admin)) {
            given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
            given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(403);
        }
        given().get("/api/v1/review/tips").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/review/tips/" + reference).then().statusCode(401);
        given().contentType("application/json").body(Map.of("status", "closed"))
                .patch("/api/v1/review/tips/" + reference).then().statusCode(401);
        given().get("/api/v1/review/tips/" + reference + "/notes").then().statusCode(401);
        given().get("/api/v1/review/accounts").then().statusCode(401);
    }

    @Test
    void aReviewerCannotReassignButCanWorkTheirTip() {
        String reference = submit("reviewer works this");
        OfficeAccounts.Account reviewer = accounts.create("wrk", List.of(ReviewerRole.REVIEWER), List.of("default"), null);
        given().auth().oauth2(coordinatorToken()).contentType("application/json")
                .body(Map.of("assignee", reviewer.username())).patch("/api/v1/review/tips/" + reference)
                .then().statusCode(200);
        String token = accounts.login(reviewer);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("assignee", "someone"))
                .patch("/api/v1/review/tips/" + reference).then().statusCode(403);
        long auditBefore = rows.auditCount();
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("status", "actioned", "disposition", "arrest"))
                .patch("/api/v1/review/tips/" + reference)
                .then().statusCode(200).body("status", equalTo("actioned")).body("disposition", equalTo("arrest"));
        assertThat(rows.auditCount()).isEqualTo(auditBefore + 1);
        assertThat(rows.countWhere("tip", "reference = '" + reference + "' and status = 'actioned' and disposition = 'arrest'"))
                .isEqualTo(1);
    }

    @Test
    void badUpdatesAre400AndChangeNothing() {
        String reference = submit("bad updates");
        String token = coordinatorToken();
        String auditorName = accounts.create("zqxaud", List.of(ReviewerRole.AUDITOR), List.of("default"), null).username();
        String elsewhere = accounts.create("zqxnorth", List.of(ReviewerRole.REVIEWER), List.of("northside"), null).username();
        for (Map<String, String> body : List.of(Map.of("status", "ZQX-bogus"), Map.of("disposition", "ZQX-bogus"),
                Map.of("assignee", "no-such-user-ZQX"), Map.of("assignee", auditorName), Map.of("assignee", elsewhere),
                Map.<String, String>of())) {
            given().auth().oauth2(token).contentType("application/json").body(body)
                    .patch("/api/v1/review/tips/" + reference)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body(not(org.hamcrest.Matchers.containsString("ZQX")));
        }
        assertThat(rows.countWhere("tip", "reference = '" + reference + "' and status = 'new' and assignee is null"))
                .isEqualTo(1);
    }

    @Test
    void notesAreSealedToTheOfficeKeyAndReadsAreAudited() {
        String reference = submit("a tip with notes");
        String token = coordinatorToken();
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("text", "Called the harbour master NOTE-CANARY-77"))
                .post("/api/v1/review/tips/" + reference + "/notes")
                .then().statusCode(201).body("text", equalTo("Called the harbour master NOTE-CANARY-77"));
        assertThat(rows.countWhere("tip_note", "position(convert_to('NOTE-CANARY-77', 'UTF8') in ciphertext) > 0"))
                .isZero();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("text", "ok"))
                .post("/api/v1/review/tips/" + reference + "/notes").then().statusCode(201);
        assertThat(rows.queryLong("select count(distinct octet_length(n.ciphertext)) from tip_note n join tip t "
                + "on t.id = n.tip_id where t.reference = '" + reference + "'"))
                .as("notes are padded: a short and a longer note seal to the same length").isEqualTo(1);
        long auditBefore = rows.auditCount();
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference + "/notes")
                .then().statusCode(200).body("text", hasItem("Called the harbour master NOTE-CANARY-77"));
        assertThat(rows.auditCount()).isEqualTo(auditBefore + 1);
    }

    @Test
    void listingFiltersAndPagesAreChecked() {
        String token = coordinatorToken();
        given().auth().oauth2(token).queryParam("size", 101).get("/api/v1/review/tips").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        given().auth().oauth2(token).queryParam("page", -1).get("/api/v1/review/tips").then().statusCode(400);
        given().auth().oauth2(token).queryParam("page", "ZQX").get("/api/v1/review/tips").then().statusCode(400)
                .contentType("application/problem+json").body(not(org.hamcrest.Matchers.containsString("ZQX")));
        given().auth().oauth2(token).queryParam("size", "99999999999999999999").get("/api/v1/review/tips/contents")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).queryParam("receivedFrom", "yesterday").get("/api/v1/review/tips")
                .then().statusCode(400).body("errors[0].field", equalTo("receivedFrom"));
        given().auth().oauth2(token).queryParam("status", "new").queryParam("category", "drugs").queryParam("size", 2)
                .get("/api/v1/review/tips").then().statusCode(200).body("size", equalTo(2));
    }

    @Test
    void aPageOfTipsIsDecryptedWithOneAuditEntryPerTip() {
        OfficeAccounts.Account reviewer = accounts.create("pager", List.of(ReviewerRole.REVIEWER), List.of("default"), null);
        String coordinator = coordinatorToken();
        List<String> references = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String reference = submit("page item " + i);
            references.add(reference);
            given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignee", reviewer.username()))
                    .patch("/api/v1/review/tips/" + reference).then().statusCode(200);
        }
        String token = accounts.login(reviewer);
        long auditBefore = rows.auditCount();
        Response page = given().auth().oauth2(token).queryParam("size", 2).queryParam("purpose", "queue")
                .get("/api/v1/review/tips/contents");
        page.then().statusCode(200).header("Cache-Control", "no-store")
                .body("items.size()", equalTo(2)).body("more", equalTo(true));
        List<String> read = page.path("items.tip.reference");
        assertThat(references).containsAll(read);
        assertThat(page.<List<String>>path("items.description")).allMatch(text -> text.startsWith("page item "));
        assertThat(rows.auditCount()).isEqualTo(auditBefore + 2);
        for (String reference : read) {
            assertThat(rows.countWhere("audit_entry", "action = 'tip.read' and purpose = 'queue' and tip_reference = '"
                    + reference + "'")).isEqualTo(1);
        }
        given().auth().oauth2(token).get("/api/v1/review/audit/verify").then().statusCode(403);
        String auditor = accounts.login(accounts.create("chk", List.of(ReviewerRole.AUDITOR), List.of("default"), null));
        given().auth().oauth2(auditor).get("/api/v1/review/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void theOpenApiDocumentDeclaresTheBearerScheme() {
        given().accept("application/json").get("/api/openapi").then().statusCode(200)
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
                .body("paths.'/api/v1/review/tips'.get.security[0].bearer", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/review/tips/{reference}'.patch", org.hamcrest.Matchers.notNullValue());
    }
}
