package org.tipline.office.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.office.console.ConsoleFlowChecks.NO_STORAGE;
import static org.tipline.office.console.ConsoleFlowChecks.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;

/**
 * What each office role sees and may do in the console, in headless Chromium
 * (src/test/js/console-flow.mjs), with what the API and the database then say:
 * <ul>
 * <li>a reviewer sees and works only what the role may, and the API refuses the rest; a session
 *     ended on the server takes the console back to sign-in with nothing of the tip left;</li>
 * <li>an auditor verifies the chain, finds a coordinator's reads by tip and by actor, and pages
 *     through more entries than a page holds; an auditor and an admin open no tip;</li>
 * </ul>
 * and on every screen: no request to another host, no console error, no serious or critical
 * axe-core finding. Screenshots go under target/console-screenshots/.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ConsoleRoleBrowserTests {

    private static final String TIPS = "/api/v1/review/tips/";

    @TestHTTPResource("/")
    URL tipline;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;
    private OfficeAccounts accounts;

    @BeforeEach
    void setUp() {
        NodeTools.requireBrowser();
        NodeTools.require("axe-core");
        rows = new TipRows(dataSource);
        accounts = new OfficeAccounts(dataSource, officeKey);
    }

    @Test
    void aReviewerWorksOnlyWhatTheRoleMayAndTheApiRefusesTheRest() throws Exception {
        String unit = "north-" + UUID.randomUUID().toString().substring(0, 8);
        OfficeAccounts.Account rita = accounts.create("flow-rita", List.of(ReviewerRole.REVIEWER), List.of("default"), unit);
        OfficeAccounts.Account rex = accounts.create("flow-rex", List.of(ReviewerRole.REVIEWER), List.of("default"), unit);
        String cora = accounts.login(accounts.create("flow-cora", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null));
        String description = "reviewer tip " + UUID.randomUUID();
        Tipsters.Tipster theirs = Tipsters.submit(description);
        Tipsters.Tipster other = Tipsters.submit("not the reviewer's " + UUID.randomUUID());
        given().auth().oauth2(cora).contentType("application/json").body(Map.of("assignedUnit", unit))
                .patch(TIPS + theirs.reference()).then().statusCode(200);
        given().auth().oauth2(cora).contentType("application/json").body(Map.of("amount", 100, "currency", "USD",
                "approvalReference", "BOARD-R1", "paymentInstructions", "At the bank."))
                .put(TIPS + theirs.reference() + "/reward").then().statusCode(200);

        Map<String, Object> options = signIn("reviewer", rita);
        options.put("reference", theirs.reference());
        options.put("purpose", "reviewer follow-up " + UUID.randomUUID());
        String question = "Reviewer's question " + UUID.randomUUID();
        options.put("question", question);
        JsonNode result = flow(options);
        assertClean(result);

        assertThat(texts(result.path("listed"))).contains(theirs.reference()).doesNotContain(other.reference());
        assertThat(result.path("navAudit").asBoolean()).isFalse();
        assertThat(result.path("description").asText()).isEqualTo(description);
        assertThat(result.path("rewardState").asText()).as("the reward's state, to read")
                .startsWith("Approved by ").contains("100.00 USD");
        Map<String, Boolean> offered = new LinkedHashMap<>();
        result.path("offered").fields().forEachRemaining(field -> offered.put(field.getKey(), field.getValue().asBoolean()));
        assertThat(offered).containsAllEntriesOf(Map.of("w-status", true, "w-disposition", true, "note-form", true,
                "dialogue-read", true, "ask-form", true)).containsAllEntriesOf(Map.of("w-assignee", false, "w-unit", false,
                        "dialogue-close", false, "dialogue-open", false, "reward-form", false, "payout-form", false));
        assertThat(result.path("afterStatus").asText()).isEqualTo("Saved.");
        assertThat(rows.query("select status from tip where reference = ?", theirs.reference()).get(0))
                .containsEntry("status", "triaged");
        assertThat(theirs.mailbox().then().statusCode(200).extract().jsonPath().getList("messages.text", String.class))
                .containsExactly(question);
        assertThat(rows.query("select actor, purpose from audit_entry where action = 'tip.read' and tip_reference = ?",
                theirs.reference())).singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("actor", rita.username()));

        // Shown by force, what the role may not use is refused by the API, and the console says so.
        assertThat(result.path("forced").path("close").asText()).isEqualTo("Your role does not allow this.");
        assertThat(result.path("forced").path("reward").asText()).isEqualTo("Your role does not allow this.");
        assertThat(texts(result.path("apiRefusals"))).containsExactlyInAnyOrder(
                TIPS + theirs.reference() + "/dialogue 403 (Forbidden)", TIPS + theirs.reference() + "/reward 403 (Forbidden)",
                "/api/v1/review/tips 401 (Unauthorized)", "/api/v1/review/tips 401 (Unauthorized)");
        assertThat(rows.query("select r.status from tip_reward r join tip t on t.id = r.tip_id where t.reference = ?",
                theirs.reference()).get(0)).containsEntry("status", "approved");
        assertThat(rows.countWhere("audit_entry", "action = 'dialogue.close' and tip_reference = '"
                + theirs.reference() + "'")).isZero();
        // The API refuses a reviewer all the same, whatever the console shows.
        String token = accounts.login(rex);
        String tip = TIPS + theirs.reference();
        given().auth().oauth2(token).contentType("application/json").body(Map.of("assignee", rex.username()))
                .patch(tip).then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("assignedUnit", "south"))
                .patch(tip).then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("dialogue", "closed"))
                .put(tip + "/dialogue").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("amount", 5, "currency", "USD",
                "approvalReference", "X", "paymentInstructions", "Y")).put(tip + "/reward").then().statusCode(403);
        given().auth().oauth2(token).contentType("application/json").body(Map.of("payoutCode", "PAY-0000-0000-0000-0000"))
                .post(tip + "/reward/payout").then().statusCode(403);
        given().auth().oauth2(token).get(tip + "/reward").then().statusCode(200);
        given().auth().oauth2(token).queryParam("purpose", "x").get(TIPS + other.reference()).then().statusCode(404);

        // The session ended on the server: the next request took the console back to sign-in, with nothing left.
        assertThat(result.path("deleted").asInt()).isEqualTo(204);
        assertThat(result.path("noticeAfterEnd").asText()).isEqualTo("Your session has ended. Sign in again.");
        assertThat(result.path("textAfterEnd").asText()).doesNotContain(description).doesNotContain(question)
                .doesNotContain(theirs.reference());
        assertThat(result.path("storageAfterEnd").toString()).isEqualTo(NO_STORAGE);
    }

    @Test
    void anAuditorFindsACoordinatorsReadsFiltersAndPagesAndOpensNoTip() throws Exception {
        OfficeAccounts.Account cora = accounts.create("flow-reads", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        OfficeAccounts.Account paging = accounts.create("flow-paging", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        OfficeAccounts.Account auditor = accounts.create("flow-audit", List.of(ReviewerRole.AUDITOR),
                List.of("default"), null);
        Tipsters.Tipster read = Tipsters.submit("audited tip " + UUID.randomUUID());
        Tipsters.Tipster paged = Tipsters.submit("often read tip " + UUID.randomUUID());
        String purpose = "audited read " + UUID.randomUUID();
        String token = accounts.login(cora);
        given().auth().oauth2(token).queryParam("purpose", purpose).get(TIPS + read.reference()).then().statusCode(200);
        given().auth().oauth2(token).queryParam("purpose", purpose + " again").get(TIPS + read.reference())
                .then().statusCode(200);
        String pager = accounts.login(paging);
        int reads = 55; // more than the console's page of 50
        for (int i = 0; i < reads; i++) {
            given().auth().oauth2(pager).queryParam("purpose", "paging " + i).get(TIPS + paged.reference())
                    .then().statusCode(200);
        }

        Map<String, Object> options = signIn("audit-trail", auditor);
        options.put("reference", read.reference());
        options.put("actor", cora.username());
        options.put("pagedReference", paged.reference());
        JsonNode result = flow(options);
        assertClean(result);
        assertThat(result.path("verify").asText()).startsWith("The chain is intact");

        // The tip's entries, found by its reference typed in lower case: the coordinator's two reads and purposes.
        List<String> tipEntries = new ArrayList<>();
        result.path("tipEntries").forEach(row -> {
            assertThat(row.path("reference").asText()).isEqualTo(read.reference());
            tipEntries.add(row.path("actor").asText() + " " + row.path("action").asText() + " " + row.path("purpose").asText());
        });
        assertThat(tipEntries).containsExactly(cora.username() + " tip.read " + purpose,
                cora.username() + " tip.read " + purpose + " again");
        assertThat(result.path("actorReads")).hasSize(2).allSatisfy(row -> {
            assertThat(row.path("actor").asText()).isEqualTo(cora.username());
            assertThat(row.path("action").asText()).isEqualTo("tip.read");
        });

        // 55 entries: a page of 50 with a next page, then 5 with none; in seq order, none twice.
        JsonNode pages = result.path("pages");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).path("rows")).hasSize(50);
        assertThat(pages.get(0).path("label").asText()).isEqualTo("Page 1");
        assertThat(pages.get(0).path("prev").asBoolean()).isFalse();
        assertThat(pages.get(0).path("next").asBoolean()).isTrue();
        assertThat(pages.get(1).path("rows")).hasSize(reads - 50);
        assertThat(pages.get(1).path("label").asText()).isEqualTo("Page 2");
        assertThat(pages.get(1).path("prev").asBoolean()).isTrue();
        assertThat(pages.get(1).path("next").asBoolean()).isFalse();
        List<Long> seqs = new ArrayList<>();
        List<String> purposes = new ArrayList<>();
        pages.forEach(page -> page.path("rows").forEach(row -> {
            seqs.add(row.path("seq").asLong());
            purposes.add(row.path("purpose").asText());
        }));
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(purposes).first().isEqualTo("paging 0");
        assertThat(purposes).last().isEqualTo("paging " + (reads - 1));
        assertThat(result.path("backToFirst").asLong()).isEqualTo(seqs.get(0));

        assertNoTip(result, auditor, ReviewerRole.AUDITOR);
    }

    @Test
    void anAdminOpensNoTip() throws Exception {
        OfficeAccounts.Account admin = accounts.create("flow-admin", List.of(ReviewerRole.ADMIN), List.of("default"), null);
        JsonNode result = flow(signIn("no-tips", admin));
        assertClean(result);
        assertNoTip(result, admin, ReviewerRole.ADMIN);
    }

    /**
     * No tip screen, no request for a tip; forced, the tips screen gets a 403 and shows none. The
     * API refuses the role too (asked with another account of it: the browser used this step's code).
     */
    private void assertNoTip(JsonNode result, OfficeAccounts.Account account, ReviewerRole role) {
        assertThat(result.path("tipScreens")).as("no tip screen, menu or count").isEmpty();
        assertThat(result.path("tipRequestsBefore")).isEmpty();
        assertThat(result.path("forcedTips").asText()).isEqualTo("Your role does not allow this.");
        assertThat(result.path("forcedRows").asInt()).isZero();
        assertThat(texts(result.path("apiRefusals"))).containsExactly("/api/v1/review/tips 403 (Forbidden)");
        Tipsters.Tipster tipster = Tipsters.submit("not for " + account.username());
        OfficeAccounts.Account another = accounts.create("flow-" + role.label(), List.of(role), List.of("default"), null);
        String token = accounts.login(another);
        given().auth().oauth2(token).queryParam("purpose", "curious").get(TIPS + tipster.reference()).then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(403);
        given().auth().oauth2(token).queryParam("purpose", "curious").get("/api/v1/review/tips/contents")
                .then().statusCode(403);
        assertThat(rows.countWhere("audit_entry", "action like 'tip.%' and actor in ('" + account.username() + "', '"
                + another.username() + "')")).isZero();
    }

    private Map<String, Object> signIn(String flow, OfficeAccounts.Account account) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("flow", flow);
        options.put("lang", "en");
        options.put("username", account.username());
        options.put("password", OfficeAccounts.PASSWORD);
        options.put("totp", accounts.code(account));
        return options;
    }

    private void assertClean(JsonNode result) {
        ConsoleFlowChecks.assertClean(result, NodeTools.origin(tipline));
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        return NodeTools.browserFlow("console-flow.mjs", tipline, ConsoleFlowChecks.SCREENSHOTS, options);
    }
}
