package org.tipline.office.reward;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.LeakScan;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;

/** A reward goes from the board's approval to the tipster's mailbox to payment, audited at each step. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class RewardTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;
    private OfficeAccounts accounts;
    private String coordinator;

    @BeforeEach
    void setUp() {
        rows = new TipRows(dataSource);
        accounts = new OfficeAccounts(dataSource, officeKey);
        coordinator = accounts.login(accounts.create("coord", List.of(ReviewerRole.COORDINATOR), List.of("default"), null));
    }

    private static Map<String, Object> decision(String instructions) {
        return Map.of("amount", 250, "currency", "USD", "approvalReference", "BOARD-2026-117",
                "paymentInstructions", instructions);
    }

    private long audited(String action, String reference) {
        return rows.queryLong("select count(*) from audit_entry where action = '" + action + "' and tip_reference = '"
                + reference + "'");
    }

    @Test
    void aRewardIsApprovedSeenByTheTipsterPaidWithTheirCodeAndAudited() {
        Tipster tipster = Tipsters.submit("The stolen trailer is in the barn on Route 9");
        String instructions = "Bring your payout code to any First Bank teller. INSTR-" + UUID.randomUUID();
        given().auth().oauth2(coordinator).contentType("application/json").body(decision(instructions))
                .put("/api/v1/review/tips/" + tipster.reference() + "/reward")
                .then().statusCode(200)
                .body("status", equalTo("approved")).body("amount", equalTo("250.00")).body("currency", equalTo("USD"))
                .body("approvalReference", equalTo("BOARD-2026-117"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("payoutCode")));
        assertThat(audited("reward.approve", tipster.reference())).isEqualTo(1);

        Response mailbox = tipster.mailbox();
        mailbox.then().statusCode(200)
                .body("reward.status", equalTo("approved")).body("reward.amount", equalTo("250.00"))
                .body("reward.currency", equalTo("USD")).body("reward.instructions", equalTo(instructions))
                .body("reward.payoutCode", matchesPattern("PAY-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"));
        String payoutCode = mailbox.path("reward.payoutCode");

        // Neither the instructions nor the code are readable in the database.
        Map<String, Object> stored = rows.query("select r.* from tip_reward r join tip t on t.id = r.tip_id where t.reference = ?",
                tipster.reference()).get(0);
        for (Object value : stored.values()) {
            byte[] bytes = value instanceof byte[] b ? b : LeakScan.utf8(String.valueOf(value));
            assertThat(LeakScan.indexOf(bytes, LeakScan.utf8(instructions))).isNegative();
            assertThat(LeakScan.indexOf(bytes, LeakScan.utf8(payoutCode))).isNegative();
        }

        // A wrong code is refused and audited; the reward stays approved.
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("payoutCode", "PAY-0000-0000-0000-0000"))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(audited("reward.payout-refused", tipster.reference())).isEqualTo(1);
        assertThat(stored(tipster.reference())).isEqualTo("approved");

        // The code as a tipster might read it out: lower case, spaces, O for 0.
        String spoken = payoutCode.toLowerCase().replace("-", " ").replace('0', 'o');
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("payoutCode", spoken))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout")
                .then().statusCode(200).body("status", equalTo("paid")).body("paidBy", org.hamcrest.Matchers.notNullValue());
        assertThat(audited("reward.paid", tipster.reference())).isEqualTo(1);
        assertThat(stored(tipster.reference())).isEqualTo("paid");

        tipster.mailbox().then().statusCode(200).body("reward.status", equalTo("paid"))
                .body("reward.payoutCode", nullValue()).body("reward.instructions", equalTo(instructions));
        // One-time: the code does not pay twice, and a paid reward cannot be changed.
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("payoutCode", payoutCode))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout").then().statusCode(409);
        given().auth().oauth2(coordinator).contentType("application/json").body(decision("again"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/reward").then().statusCode(409);
    }

    @Test
    void replacingAnApprovedRewardIssuesANewCodeAndTheOldOneNoLongerPays() {
        Tipster tipster = Tipsters.submit("Copper theft from the rail depot");
        given().auth().oauth2(coordinator).contentType("application/json").body(decision("first"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/reward").then().statusCode(200);
        String first = tipster.mailbox().path("reward.payoutCode");
        given().auth().oauth2(coordinator).contentType("application/json").body(decision("second"))
                .put("/api/v1/review/tips/" + tipster.reference() + "/reward").then().statusCode(200);
        String second = tipster.mailbox().path("reward.payoutCode");
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("payoutCode", first))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout").then().statusCode(409);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("payoutCode", second))
                .post("/api/v1/review/tips/" + tipster.reference() + "/reward/payout").then().statusCode(200);
    }

    @Test
    void onlyACoordinatorWithTheTipInRemitCanSetOrPayAReward() {
        Tipster tipster = Tipsters.submit("Burglaries on the north side");
        OfficeAccounts.Account reviewerAccount = accounts.create("rev", List.of(ReviewerRole.REVIEWER), List.of("default"), null);
        String reviewer = accounts.login(reviewerAccount);
        String otherProgram = accounts.login(accounts.create("coord-other", List.of(ReviewerRole.COORDINATOR),
                List.of("other-program"), null));
        String auditor = accounts.login(accounts.create("aud", List.of(ReviewerRole.AUDITOR), List.of("default"), null));
        String path = "/api/v1/review/tips/" + tipster.reference() + "/reward";

        given().auth().oauth2(reviewer).contentType("application/json").body(decision("x")).put(path).then().statusCode(403);
        given().auth().oauth2(auditor).contentType("application/json").body(decision("x")).put(path).then().statusCode(403);
        given().contentType("application/json").body(decision("x")).put(path).then().statusCode(401);
        given().auth().oauth2(otherProgram).contentType("application/json").body(decision("x")).put(path).then().statusCode(404);
        assertThat(rows.queryLong("select count(*) from tip_reward r join tip t on t.id = r.tip_id where t.reference = '"
                + tipster.reference() + "'")).isZero();

        given().auth().oauth2(coordinator).contentType("application/json").body(decision("x")).put(path).then().statusCode(200);
        given().auth().oauth2(reviewer).get(path).then().statusCode(404);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignee", reviewerAccount.username()))
                .patch("/api/v1/review/tips/" + tipster.reference()).then().statusCode(200);
        given().auth().oauth2(reviewer).get(path).then().statusCode(200).body("status", equalTo("approved"));
        given().auth().oauth2(reviewer).contentType("application/json").body(Map.of("payoutCode", "PAY-0000-0000-0000-0000"))
                .post(path + "/payout").then().statusCode(403);
    }

    @Test
    void badDecisionsAreRefusedWithTheFieldNamed() {
        Tipster tipster = Tipsters.submit("Shoplifting ring at the mall");
        String path = "/api/v1/review/tips/" + tipster.reference() + "/reward";
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("amount", -5, "currency", "USD", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10.001, "currency", "USD", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "usd", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "XQQ", "approvalReference", "B-1", "paymentInstructions", "x"),
                // ISO 4217 codes that are no money a tipster can be paid in: none, testing, gold.
                Map.<String, Object>of("amount", 10, "currency", "XXX", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "XTS", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "XAU", "approvalReference", "B-1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "USD", "approvalReference", "B\n1", "paymentInstructions", "x"),
                Map.<String, Object>of("amount", 10, "currency", "USD", "approvalReference", "B-1"))) {
            given().auth().oauth2(coordinator).contentType("application/json").body(bad).put(path)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        assertThat(audited("reward.approve", tipster.reference())).isZero();
    }

    private String stored(String reference) {
        return (String) rows.query("select r.status from tip_reward r join tip t on t.id = r.tip_id where t.reference = ?",
                reference).get(0).get("status");
    }
}
