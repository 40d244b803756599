package org.tipline.office.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.office.console.ConsoleFlowChecks.NO_STORAGE;
import static org.tipline.office.console.ConsoleFlowChecks.texts;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
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
import org.tipline.tipster.proof.ProofOfWorkProfile;

/**
 * A tip from tipline's page to a paid reward, in headless Chromium (src/test/js/console-flow.mjs,
 * flow "casework"): a coordinator is signed in to the console when a tipster submits a tip on
 * the page (a second browser); the coordinator finds it (100 tips a page), reads it, assigns it
 * and asks a question; the tipster answers on the page ("Check for replies"); the coordinator
 * reads the answer and records the board's reward; the tipster sees it with its payout code; a
 * wrong code is refused and the code the tipster quotes marks it paid; closing the
 * conversation takes the answer form off the page, reopening puts it back. The database then
 * holds the paid reward, the messages and the audit entries in order. Proof-of-work is on, as
 * for the page in production (the page proves its work for every tip and sign-in).
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class ConsoleCaseworkBrowserTests {

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
    void aTipFromThePageIsReadAnsweredRewardedAndPaidThroughTheConsole() throws Exception {
        OfficeAccounts.Account cora = accounts.create("flow-cora", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        String description = "page tip for the console " + UUID.randomUUID();
        String purpose = "casework triage " + UUID.randomUUID();
        String question = "Which pier, and when? " + UUID.randomUUID();
        String answer = "Pier 4, every Friday night. " + UUID.randomUUID();
        String reopenedAnswer = "One more thing: a red van. " + UUID.randomUUID();
        String instructions = "Quote your code at any First Bank teller within 60 days. " + UUID.randomUUID();
        String approval = "BOARD-2026-" + UUID.randomUUID().toString().substring(0, 6);

        Map<String, Object> options = signIn("casework", cora);
        options.put("description", description);
        options.put("purpose", purpose);
        options.put("question", question);
        options.put("answer", answer);
        options.put("reopenedAnswer", reopenedAnswer);
        options.put("wrongCode", "PAY-0000-0000-0000-0000");
        options.put("reward", Map.of("amount", "250", "currency", "cad", "approvalReference", approval,
                "instructions", instructions));
        JsonNode result = flow(options);
        assertClean(result);
        String reference = result.path("reference").asText();

        // The page sealed the tip; the coordinator found it 100 to a page and read it.
        Map<String, Object> tip = rows.query("select id, channel, format_version, assignee, status from tip "
                + "where reference = ?", reference).get(0);
        assertThat(tip).containsEntry("channel", "web").containsEntry("assignee", cora.username())
                .containsEntry("status", "assigned");
        assertThat(((Number) tip.get("format_version")).intValue()).as("sealed by the page").isEqualTo(2);
        assertThat(NodeTools.requests(result)).anySatisfy(request -> assertThat(request)
                .matches("GET .*/api/v1/review/tips\\?(.*&)?size=100(&.*)?"));
        assertThat(result.path("listPageRows").asInt()).isBetween(1, 100);
        assertThat(result.path("storageWithPageSize").toString()).as("the page size is in memory only")
                .isEqualTo(NO_STORAGE);
        assertThat(result.path("urlWithPageSize").asText()).doesNotContain("size");
        assertThat(result.path("description").asText()).isEqualTo(description);
        assertThat(result.path("afterSave").asText()).isEqualTo("Saved.");

        // The question, the answer on the page, the answer in the console.
        assertThat(texts(result.path("tipsterSawQuestion"))).containsExactly(question);
        assertThat(texts(result.path("consoleMessages"))).hasSize(2).last().asString()
                .startsWith("Tipster, ").endsWith(answer);

        // The reward: recorded, seen by the tipster with its code, refused with a wrong code, paid with the quoted one.
        assertThat(result.path("rewardBefore").asText()).isEqualTo("No reward recorded.");
        assertThat(result.path("payoutOfferedBefore").asBoolean()).as("nothing to pay yet").isFalse();
        assertThat(result.path("afterReward").asText()).startsWith("Reward recorded.");
        assertThat(result.path("rewardApproved").asText())
                .startsWith("Approved by " + cora.username() + " on ").contains("250.00 CAD", approval);
        assertThat(result.path("payoutOffered").asBoolean()).isTrue();
        JsonNode seen = result.path("tipsterReward");
        assertThat(seen.path("status").asText()).isEqualTo("Approved");
        assertThat(seen.path("amount").asText()).isEqualTo("250.00 CAD");
        assertThat(seen.path("instructions").asText()).isEqualTo(instructions);
        assertThat(seen.path("code").asText()).matches("PAY(-[0-9A-Z]{4}){4}");
        assertThat(seen.path("codeShown").asBoolean()).isTrue();
        assertThat(result.path("afterWrongCode").asText()).startsWith("This cannot be done now: The payout code does not match");
        assertThat(result.path("afterPayout").asText()).isEqualTo("The reward is marked paid.");
        assertThat(result.path("rewardPaid").asText()).startsWith("Paid: 250.00 CAD, marked paid by " + cora.username());
        assertThat(result.path("offeredWhenPaid").toString()).isEqualTo("{\"record\":false,\"payout\":false}");
        Map<String, Object> reward = rows.query("select status, amount, currency, approval_reference, approved_by, paid_by "
                + "from tip_reward where tip_id = ?", tip.get("id")).get(0);
        assertThat(reward).containsEntry("status", "paid").containsEntry("currency", "CAD")
                .containsEntry("approval_reference", approval).containsEntry("approved_by", cora.username())
                .containsEntry("paid_by", cora.username());
        assertThat((BigDecimal) reward.get("amount")).isEqualByComparingTo("250.00");

        // Closed: the page shows it and takes no answer; reopened: it takes one again.
        assertThat(result.path("afterClose").asText()).isEqualTo("The conversation is closed.");
        assertThat(result.path("offeredWhenClosed").toString()).isEqualTo("{\"ask\":false,\"close\":false,\"reopen\":true}");
        JsonNode closed = result.path("tipsterWhenClosed");
        assertThat(closed.path("closedShown").asBoolean()).isTrue();
        assertThat(closed.path("answerForm").asBoolean()).isFalse();
        assertThat(closed.path("reward").path("status").asText()).isEqualTo("Paid");
        assertThat(closed.path("reward").path("code").asText()).as("a paid reward shows no code").isEmpty();
        assertThat(closed.path("reward").path("codeShown").asBoolean()).as("nor a line for one").isFalse();
        assertThat(result.path("afterReopen").asText()).isEqualTo("The conversation is open.");
        assertThat(result.path("offeredWhenOpen").toString()).isEqualTo("{\"ask\":true,\"close\":true,\"reopen\":false}");
        assertThat(result.path("tipsterWhenReopened").toString()).isEqualTo("{\"closedShown\":false,\"answerForm\":true}");
        assertThat(rows.query("select sender from tip_message where tip_id = ? order by message_no", tip.get("id")))
                .extracting(row -> row.get("sender")).containsExactly("office", "tipster", "tipster");
        assertThat(result.path("tipsterStorage").toString()).isEqualTo(NO_STORAGE);
        assertThat(result.path("tipsterCookies").asInt()).isZero();

        // The audit log: one read, then the work, in order.
        assertThat(rows.query("select actor, purpose from audit_entry where action = 'tip.read' and tip_reference = ?",
                reference)).singleElement().satisfies(entry -> assertThat(entry)
                        .containsEntry("actor", cora.username()).containsEntry("purpose", purpose));
        List<String> actions = new ArrayList<>();
        rows.query("select actor, action from audit_entry where tip_reference = ? order by seq", reference)
                .forEach(entry -> {
                    assertThat(entry).containsEntry("actor", cora.username());
                    actions.add((String) entry.get("action"));
                });
        assertThat(actions).containsSubsequence("tip.read", "note.read", "tip.update", "dialogue.message",
                "dialogue.read", "reward.approve", "reward.payout-refused", "reward.paid", "dialogue.close",
                "dialogue.reopen");
        assertThat(actions).filteredOn("reward.paid"::equals).hasSize(1);

        // Refusals the console handled: no reward yet (404), the wrong code (409).
        assertThat(texts(result.path("apiRefusals"))).containsExactlyInAnyOrder(
                TIPS + reference + "/reward 404 (Not Found)", TIPS + reference + "/reward/payout 409 (Conflict)");
        assertThat(result.path("storageAfterSignOut").toString()).isEqualTo(NO_STORAGE);
        assertThat(result.path("textAfterSignOut").asText()).doesNotContain(description).doesNotContain(answer)
                .doesNotContain(instructions).doesNotContain(seen.path("code").asText()).doesNotContain(reference);
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
