package org.tipline.office;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters.Tipster;
import org.tipline.testing.Tipsters;
import org.tipline.tip.DialogueState;
import org.tipline.tip.RewardStatus;
import org.tipline.tip.TipDisposition;
import org.tipline.tip.TipStatus;

/**
 * The enums read and write the text the columns held when they were strings, so rows written
 * before them still read (no data migration), and the API answers with the same strings, the
 * same 400s for unknown values and the same OpenAPI document. Rows are set with plain SQL, as
 * an earlier release left them, and read back through the API; values set through the API are
 * read back with plain SQL.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class StoredLabelsTests {

    private static final String TIPS = "/api/v1/review/tips/";

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
        coordinator = accounts.login(accounts.create("labels", List.of(ReviewerRole.COORDINATOR), List.of("default"), null));
    }

    private Object stored(String column, String reference) {
        return rows.query("select " + column + " from tip where reference = ?", reference).get(0).get(column);
    }

    /** The references the listing gives for this status and assignee: the projection reads the column too. */
    private List<String> listed(String status, String assignee) {
        return given().auth().oauth2(coordinator).queryParam("status", status).queryParam("assignee", assignee).get(TIPS)
                .then().statusCode(200).extract().path("items.reference");
    }

    @Test
    void aNewTipIsStoredAsNewAndOpen() {
        Tipster tipster = Tipsters.submit("labels: a new tip");
        assertThat(stored("status", tipster.reference())).isEqualTo("new");
        assertThat(stored("dialogue_state", tipster.reference())).isEqualTo("open");
        assertThat(stored("disposition", tipster.reference())).isNull();
        tipster.mailbox().then().statusCode(200).body("status", equalTo("received")).body("dialogue", equalTo("open"));
    }

    @Test
    void everyStatusReadsFromAndWritesToItsStoredText() {
        String reference = Tipsters.submit("labels: statuses").reference();
        String reviewer = accounts.create("labels-st", List.of(ReviewerRole.REVIEWER), List.of("default"), null).username();
        rows.update("update tip set assignee = ? where reference = ?", reviewer, reference);
        for (TipStatus status : TipStatus.values()) {
            rows.update("update tip set status = ? where reference = ?", status.label(), reference);
            given().auth().oauth2(coordinator).get(TIPS + reference).then().statusCode(200)
                    .body("tip.status", equalTo(status.label()));
            assertThat(listed(status.label(), reviewer)).containsExactly(reference);
            given().auth().oauth2(coordinator).queryParam("assignee", reviewer).get(TIPS).then().statusCode(200)
                    .body("items[0].status", equalTo(status.label()));
        }
        for (TipStatus status : TipStatus.values()) {
            given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("status", status.label()))
                    .patch(TIPS + reference).then().statusCode(200).body("status", equalTo(status.label()));
            assertThat(stored("status", reference)).isEqualTo(status.label());
        }
        assertThat(rows.countWhere("audit_entry", "action = 'tip.update' and tip_reference = '" + reference + "'"))
                .isEqualTo(TipStatus.values().length);
    }

    @Test
    void assigningANewTipStoresAssigned() {
        String reference = Tipsters.submit("labels: assigned").reference();
        String reviewer = accounts.create("labels-rev", List.of(ReviewerRole.REVIEWER), List.of("default"), null).username();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignee", reviewer))
                .patch(TIPS + reference).then().statusCode(200).body("status", equalTo("assigned"));
        assertThat(stored("status", reference)).isEqualTo("assigned");
        assertThat(rows.query("select detail from audit_entry where action = 'tip.update' and tip_reference = ?", reference)
                .get(0).get("detail")).isEqualTo("{\"assignee\":\"" + reviewer + "\",\"status\":\"assigned\"}");
    }

    @Test
    void everyDispositionReadsFromAndWritesToItsStoredText() {
        String reference = Tipsters.submit("labels: dispositions").reference();
        for (TipDisposition disposition : TipDisposition.values()) {
            rows.update("update tip set disposition = ? where reference = ?", disposition.label(), reference);
            given().auth().oauth2(coordinator).get(TIPS + reference).then().statusCode(200)
                    .body("tip.disposition", equalTo(disposition.label()));
            given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("status", "actioned"))
                    .patch(TIPS + reference).then().statusCode(200).body("disposition", equalTo(disposition.label()));
        }
        for (TipDisposition disposition : TipDisposition.values()) {
            given().auth().oauth2(coordinator).contentType("application/json")
                    .body(Map.of("disposition", disposition.label()))
                    .patch(TIPS + reference).then().statusCode(200).body("disposition", equalTo(disposition.label()));
            assertThat(stored("disposition", reference)).isEqualTo(disposition.label());
        }
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("disposition", ""))
                .patch(TIPS + reference).then().statusCode(200).body("disposition", equalTo(null));
        assertThat(stored("disposition", reference)).isNull();
    }

    @Test
    void theDialogueStateReadsFromAndWritesToItsStoredText() {
        Tipster tipster = Tipsters.submit("labels: dialogue");
        String dialogue = TIPS + tipster.reference() + "/dialogue";
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "closed"))
                .put(dialogue).then().statusCode(200).body("dialogue", equalTo("closed"));
        assertThat(stored("dialogue_state", tipster.reference())).isEqualTo("closed");
        tipster.reply("still there?").then().statusCode(409);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("text", "a question"))
                .post(TIPS + tipster.reference() + "/messages").then().statusCode(409);

        rows.update("update tip set dialogue_state = 'open' where reference = ?", tipster.reference());
        tipster.mailbox().then().statusCode(200).body("dialogue", equalTo("open"));
        given().auth().oauth2(coordinator).get(TIPS + tipster.reference() + "/messages").then().statusCode(200)
                .body("dialogue", equalTo("open"));
        tipster.reply("here is more").then().statusCode(201);

        rows.update("update tip set dialogue_state = 'closed' where reference = ?", tipster.reference());
        tipster.mailbox().then().statusCode(200).body("dialogue", equalTo("closed"));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "open"))
                .put(dialogue).then().statusCode(200).body("dialogue", equalTo("open"));
        assertThat(stored("dialogue_state", tipster.reference())).isEqualTo("open");
        assertThat(rows.countWhere("audit_entry", "action in ('dialogue.close', 'dialogue.reopen') and tip_reference = '"
                + tipster.reference() + "'")).isEqualTo(2);
    }

    @Test
    void unknownValuesGetTheSame400sAsBefore() {
        String reference = Tipsters.submit("labels: bad values").reference();
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("status", "ZQX-bogus"))
                .patch(TIPS + reference).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].reason", equalTo("must be one of actioned, assigned, closed, forwarded, new, spam, triaged"))
                .body("detail", equalTo("The field 'status' must be one of actioned, assigned, closed, forwarded, new, "
                        + "spam, triaged."));
        // The constant's name is not a value the API takes.
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("status", "CLOSED"))
                .patch(TIPS + reference).then().statusCode(400).body("errors[0].field", equalTo("status"));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("disposition", "ZQX-bogus"))
                .patch(TIPS + reference).then().statusCode(400)
                .body("errors[0].field", equalTo("disposition"))
                .body("errors[0].reason", equalTo("must be one of arrest, cleared, recovered-property, unfounded"));
        given().auth().oauth2(coordinator).queryParam("status", "ZQX-bogus").get(TIPS).then().statusCode(400)
                .body("errors[0].field", equalTo("status")).body("errors[0].reason", equalTo("must be a tip status"));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("dialogue", "ZQX-bogus"))
                .put(TIPS + reference + "/dialogue").then().statusCode(400)
                .body("errors[0].field", equalTo("dialogue")).body("errors[0].reason", equalTo("must be open or closed"));
        assertThat(stored("status", reference)).isEqualTo("new");
        assertThat(stored("dialogue_state", reference)).isEqualTo("open");
    }

    @Test
    void rolesAreStoredAsTheirLabelsAndOldRowsStillSignIn() {
        String admin = accounts.login(accounts.create("labels-adm", List.of(ReviewerRole.ADMIN), List.of("default"), null));
        String username = "labels-all-" + System.nanoTime() % 100_000;
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("username", username, "password", OfficeAccounts.PASSWORD,
                        "roles", List.of("reviewer", "admin", "coordinator", "auditor", "admin"), "programs", List.of("default")))
                .post("/api/v1/review/accounts").then().statusCode(201)
                .body("account.roles", equalTo(List.of("admin", "auditor", "coordinator", "reviewer")));
        assertThat(rows.query("select array_to_string(roles, ',') as roles from reviewer where username = ?", username)
                .get(0).get("roles")).isEqualTo("admin,auditor,coordinator,reviewer");
        assertThat(rows.query("select detail from audit_entry where action = 'account.create' and detail like ?",
                "%\"account\":\"" + username + "\"%").get(0).get("detail").toString())
                .contains("\"roles\":\"admin,auditor,coordinator,reviewer\"");

        // A row as an earlier release could leave it, in an order tipline would not write.
        OfficeAccounts.Account old = accounts.create("labels-old", List.of(ReviewerRole.AUDITOR), List.of("default"), null);
        rows.update("update reviewer set roles = array['reviewer', 'coordinator']::text[] where username = ?", old.username());
        String token = accounts.login(old);
        given().auth().oauth2(token).get(TIPS).then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/review/audit").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/review/accounts").then().statusCode(200)
                .body("find { it.username == '" + old.username() + "' }.roles", equalTo(List.of("reviewer", "coordinator")));
    }

    @Test
    void theOpenApiDocumentListsTheLabelsAsPlainStrings() throws Exception {
        JsonNode schemas = new ObjectMapper().readTree(given().queryParam("format", "json").get("/api/openapi").asString())
                .path("components").path("schemas");
        assertThat(enumeration(schemas, "TipUpdate", "status")).isEqualTo(labels(TipStatus.values(), TipStatus::label));
        assertThat(enumeration(schemas, "TipUpdate", "disposition"))
                .isEqualTo(labels(TipDisposition.values(), TipDisposition::label));
        for (String[] field : new String[][] {{"Conversation", "dialogue"}, {"DialogueState", "dialogue"},
                {"Mailbox", "dialogue"}}) {
            assertThat(enumeration(schemas, field[0], field[1])).isEqualTo(labels(DialogueState.values(), DialogueState::label));
        }
        for (String schema : List.of("Reward", "MailboxReward")) {
            assertThat(enumeration(schemas, schema, "status")).isEqualTo(labels(RewardStatus.values(), RewardStatus::label));
        }
        for (String property : List.of("status", "disposition")) {
            JsonNode node = schemas.path("TipSummary").path("properties").path(property);
            assertThat(types(node)).as("TipSummary." + property).contains("string");
            assertThat(node.has("enum")).isFalse();
        }
        // The enums stay out of the document: a schema of their own would change it (and DialogueState is taken).
        assertThat(schemas.has("TipStatus") || schemas.has("TipDisposition") || schemas.has("RewardStatus")
                || schemas.has("DialogueState1")).isFalse();
    }

    /** A schema's type or types: "string", or ["string", "null"] for an optional property. */
    private static List<String> types(JsonNode node) {
        List<String> types = new ArrayList<>();
        if (node.path("type").isArray()) {
            node.path("type").forEach(type -> types.add(type.asText()));
        } else {
            types.add(node.path("type").asText());
        }
        return types;
    }

    private static List<String> enumeration(JsonNode schemas, String schema, String property) {
        JsonNode node = schemas.path(schema).path("properties").path(property);
        assertThat(types(node)).as(schema + "." + property).contains("string");
        List<String> values = new ArrayList<>();
        node.path("enum").forEach(value -> {
            if (!value.isNull()) { // an optional property may also be null
                values.add(value.asText());
            }
        });
        return values;
    }

    private static <E extends Enum<E>> List<String> labels(E[] values, Function<E, String> label) {
        return Arrays.stream(values).map(label).toList();
    }
}
