package org.tipline.office.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.office.staff.Totp;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.ThrottleRows;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;

/**
 * The office console in headless Chromium (Debian's chromium driven by playwright-core,
 * src/test/js/console-flow.mjs), on an all-in-one process:
 * <ul>
 * <li>a coordinator signs in with a code computed here, finds a tip submitted through the API
 *     in the list (filters, paging, j/k and Enter), states a purpose and reads it (exactly one
 *     {@code tip.read} entry), assigns it, adds a note and asks the tipster a question (which the
 *     tipster's mailbox then holds), and signs out: the token no longer works, no tip text is on
 *     the screen or back in history, and no storage or cookie holds anything;</li>
 * <li>a wrong code shows the 401 message, a slowed-down sign-in the 429 wait; an auditor sees the
 *     audit screen and no tip screen;</li>
 * </ul>
 * and on every screen: no request to any host but tipline's, no console error (a
 * Content-Security-Policy violation would be one), and no serious or critical axe-core finding.
 * Screenshots at 1280x800 and 768x1024 go under target/console-screenshots/.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ConsoleBrowserTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    private static final String NO_STORAGE = "{\"local\":0,\"session\":0,\"cookie\":\"\"}";

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
    void aCoordinatorReadsAssignsNotesAndAsksThenSignsOutLeavingNothing() throws Exception {
        String description = "console tip " + UUID.randomUUID();
        Tipsters.Tipster tipster = Tipsters.submit(description);
        OfficeAccounts.Account cora = accounts.create("console-cora", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        String purpose = "console triage " + UUID.randomUUID();
        String note = "Called the harbour master " + UUID.randomUUID();
        String question = "What colour was the boat? " + UUID.randomUUID();

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("flow", "coordinator");
        options.put("lang", "en");
        options.put("username", cora.username());
        options.put("password", OfficeAccounts.PASSWORD);
        options.put("totp", accounts.code(cora));
        options.put("reference", tipster.reference());
        options.put("purpose", purpose);
        options.put("assignee", cora.username());
        options.put("note", note);
        options.put("question", question);
        JsonNode result = flow(options);
        assertClean(result);

        assertThat(result.path("newCount").asText()).startsWith("New tips: ");
        assertThat(result.path("afterJK").asBoolean()).as("j then k comes back to the first row").isTrue();
        assertThat(result.path("selected").asText()).isEqualTo(tipster.reference());
        assertThat(result.path("focusedOnOpen").asText()).isEqualTo("purpose");
        assertThat(result.path("contentBeforeRead").asBoolean()).as("nothing decrypted before a purpose").isFalse();
        assertThat(result.path("description").asText()).isEqualTo(description);
        assertThat(result.path("recorded").asText()).contains("recorded in the audit log");
        assertThat(result.path("storageSignedIn").toString()).as("the token is in memory only").isEqualTo(NO_STORAGE);
        assertThat(result.path("afterSave").asText()).isEqualTo("Saved.");
        assertThat(texts(result.path("apiRefusals"))).as("only the tip's reward, which is not recorded, was missing")
                .allSatisfy(refusal -> assertThat(refusal).matches("/api/v1/review/tips/[A-Z0-9-]+/reward 404.*"));

        // The read: exactly one entry, with the purpose typed, written by the coordinator.
        assertThat(rows.query("select actor, purpose from audit_entry where action = 'tip.read' and tip_reference = ?",
                tipster.reference())).hasSize(1).first()
                .satisfies(entry -> assertThat(entry).containsEntry("actor", cora.username())
                        .containsEntry("purpose", purpose));
        assertThat(rows.query("select assignee, status from tip where reference = ?", tipster.reference()).get(0))
                .containsEntry("assignee", cora.username()).containsEntry("status", "assigned");
        assertThat(rows.countWhere("audit_entry", "action = 'note.add' and tip_reference = '" + tipster.reference()
                + "'")).isEqualTo(1);
        String token = accounts.login(accounts.create("console-check", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null));
        assertThat(given().auth().oauth2(token).queryParam("purpose", "console test check")
                .get("/api/v1/review/tips/" + tipster.reference() + "/notes").then().statusCode(200).extract()
                .jsonPath().getList("text", String.class)).containsExactly(note);
        // The question reached the tipster's side.
        assertThat(tipster.mailbox().then().statusCode(200).extract().jsonPath().getList("messages.text", String.class))
                .containsExactly(question);
        assertThat(result.path("messages").toString()).contains(question);

        // Signed out: the token is dead, the screen and history show no tip text, storage is empty.
        assertThat(result.path("tokenAfterSignOut").asInt()).isEqualTo(401);
        assertThat(result.path("storageAfterSignOut").toString()).isEqualTo(NO_STORAGE);
        for (String field : List.of("textAfterSignOut", "textAfterBack", "textAfterForward")) {
            assertThat(result.path(field).asText()).as(field).doesNotContain(description).doesNotContain(note)
                    .doesNotContain(question).doesNotContain(tipster.reference());
        }
        assertThat(result.path("cookies").asInt()).isZero();
    }

    @Test
    void aWrongCodeShowsTheRefusalInFrench() throws Exception {
        OfficeAccounts.Account account = accounts.create("console-wrong", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null);
        String right = new Totp().codeAt(account.secret(), java.time.Instant.now());
        String wrong = String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000);
        JsonNode result = flow(Map.of("flow", "wrong-code", "lang", "fr", "username", account.username(),
                "password", OfficeAccounts.PASSWORD, "totp", wrong));
        assertClean(result);
        assertThat(result.path("htmlLang").asText()).isEqualTo("fr");
        assertThat(result.path("providerShown").asBoolean()).as("no provider set up: no provider button").isFalse();
        assertThat(result.path("signInTitle").asText()).isEqualTo("Connexion au bureau");
        assertThat(result.path("signinError").asText()).startsWith("Le nom d'utilisateur, le mot de passe ou le code");
        assertThat(result.path("passwordKept").asText()).as("the password is not kept in the form").isEmpty();
        assertThat(texts(result.path("apiRefusals"))).singleElement().asString()
                .startsWith("/api/v1/review/session 401");
    }

    @Test
    void aSlowedDownSignInSaysHowLongToWait() throws Exception {
        String username = "console-slow-" + UUID.randomUUID().toString().substring(0, 8);
        ThrottleRows throttle = new ThrottleRows(dataSource);
        throttle.execute("insert into login_failure (username_hash, failures, not_before) values (sha256('" + username
                + "'::bytea), 9, date_trunc('second', now()) + interval '120 seconds')");
        try {
            JsonNode result = flow(Map.of("flow", "wrong-code", "lang", "en", "username", username,
                    "password", OfficeAccounts.PASSWORD, "totp", "123456"));
            assertClean(result);
            assertThat(result.path("signinError").asText()).matches("Too many attempts\\. Wait (1[01][0-9]|120|[0-9]{1,2}) "
                    + "seconds, then try again with a new code\\.");
            assertThat(texts(result.path("apiRefusals"))).singleElement().asString()
                    .startsWith("/api/v1/review/session 429");
        } finally {
            throttle.execute("delete from login_failure where username_hash = sha256('" + username + "'::bytea)");
        }
    }

    @Test
    void anAuditorSeesTheAuditScreenAndNoTipScreen() throws Exception {
        OfficeAccounts.Account auditor = accounts.create("console-audit", List.of(ReviewerRole.AUDITOR),
                List.of("default"), null);
        JsonNode result = flow(Map.of("flow", "auditor", "lang", "en", "username", auditor.username(),
                "password", OfficeAccounts.PASSWORD, "totp", accounts.code(auditor)));
        assertClean(result);
        assertThat(result.path("tipScreens")).as("no tip screen or its menu is shown").isEmpty();
        assertThat(result.path("verify").asText()).startsWith("The chain is intact");
        assertThat(result.path("auditActions").toString()).contains("session.login");
        assertThat(NodeTools.requests(result)).noneMatch(request -> request.contains("/api/v1/review/tips"));
        assertThat(result.path("apiRefusals")).isEmpty();
    }

    /** No error, no console error, no cookie, no request to another host, no serious or critical axe finding. */
    private void assertClean(JsonNode result) {
        assertThat(result.path("error").isMissingNode()).as(result.path("error").asText()).isTrue();
        assertThat(result.path("consoleErrors")).as(result.path("consoleErrors").toString()).isEmpty();
        assertThat(result.path("cookies").asInt()).isZero();
        String origin = base();
        assertThat(NodeTools.requests(result)).isNotEmpty()
                .allSatisfy(request -> assertThat(request.substring(request.indexOf(' ') + 1)).startsWith(origin + "/"));
        assertThat(result.path("accessibility")).isNotEmpty();
        for (JsonNode screen : result.path("accessibility")) {
            List<String> serious = new ArrayList<>();
            for (JsonNode violation : screen.path("violations")) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(violation.toString());
                }
            }
            assertThat(serious).as(screen.path("screen").asText()).isEmpty();
        }
        for (JsonNode file : result.path("screenshots")) {
            assertThat(Path.of(file.asText())).isRegularFile();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }

    private String base() {
        return NodeTools.origin(tipline);
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        return NodeTools.browserFlow("console-flow.mjs", tipline, SCREENSHOTS, options);
    }
}
