package org.tipline.office.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.office.console.ConsoleFlowChecks.NO_STORAGE;
import static org.tipline.office.console.ConsoleFlowChecks.texts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * <li>an admin sees the accounts screen and no tip screen, creates a coordinator, whose enrolment
 *     QR code, read back from the browser's pixels, is the URI the API answered and signs the new
 *     account in; "done" leaves neither the code nor the secret in the page or its script's heap;
 *     a taken username and a short password get their messages; disabling the account refuses its
 *     sign-in and ends its session; its roles, programs and unit change in the database;</li>
 * </ul>
 * and on every screen: no request to any host but tipline's, no console error (a
 * Content-Security-Policy violation would be one), and no serious or critical axe-core finding.
 * Screenshots at 1280x800 and 768x1024 go under target/console-screenshots/.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ConsoleBrowserTests {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        ConsoleFlowChecks.assertClean(result, base());

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
        ConsoleFlowChecks.assertClean(result, base());
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
            ConsoleFlowChecks.assertClean(result, base());
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
        ConsoleFlowChecks.assertClean(result, base());
        assertThat(result.path("tipScreens")).as("no tip screen or its menu is shown").isEmpty();
        assertThat(result.path("accountScreens")).as("no accounts screen or its menu is shown").isEmpty();
        assertThat(result.path("verify").asText()).startsWith("The chain is intact");
        assertThat(result.path("auditActions").toString()).contains("session.login");
        assertThat(NodeTools.requests(result)).noneMatch(request -> request.contains("/api/v1/review/tips"));
        assertThat(result.path("apiRefusals")).isEmpty();
    }

    @Test
    void anAdminCreatesAnAccountEnrolsItFromTheQrCodeDisablesAndChangesIt() throws Exception {
        OfficeAccounts.Account admin = accounts.create("console-admin", List.of(ReviewerRole.ADMIN),
                List.of("default"), null);
        String newUsername = "console-new-" + UUID.randomUUID().toString().substring(0, 8);
        String newPassword = "a long enough password " + UUID.randomUUID();
        Path handoff = Files.createTempDirectory("console-admin");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("flow", "admin");
        options.put("lang", "en");
        options.put("username", admin.username());
        options.put("password", OfficeAccounts.PASSWORD);
        options.put("totp", accounts.code(admin));
        options.put("newUsername", newUsername);
        options.put("newPassword", newPassword);
        options.put("unit", "north");
        options.put("newUnit", "south");
        options.put("handoff", handoff.toString());

        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> running = runner.submit(() -> flow(options));
            // The code the browser drew signs the new account in.
            String drawn = awaitHandoff(handoff, "enrolled", running).path("qrText").asText();
            byte[] secret = OfficeAccounts.secretOf(drawn);
            Response enrolled = signIn(newUsername, newPassword, new Totp().codeAt(secret, Instant.now()));
            release(handoff, "enrolled");
            // Disabled: a right code (of the next step, never used) is refused, the session is over.
            awaitHandoff(handoff, "disabled", running);
            Response whileDisabled = signIn(newUsername, newPassword,
                    new Totp().codeAt(secret, Instant.now().plusSeconds(30)));
            int sessionWhileDisabled = given().auth().oauth2(enrolled.path("token")).post("/api/v1/review/session/refresh")
                    .statusCode();
            release(handoff, "disabled");
            JsonNode result = running.get(300, TimeUnit.SECONDS);
            ConsoleFlowChecks.assertClean(result, base());

            assertThat(result.path("otherScreens")).as("no tip or audit screen, nor their menus").isEmpty();
            assertThat(result.path("navAccounts").asBoolean()).isTrue();
            assertThat(NodeTools.requests(result)).noneMatch(request -> request.contains("/api/v1/review/tips"));
            assertThat(result.path("createStatus").asInt()).isEqualTo(201);
            String uri = result.path("createdUri").asText();
            assertThat(uri).startsWith("otpauth://totp/");
            assertThat(result.path("qrText").asText()).as("the QR code the browser drew").isEqualTo(uri);
            String base32 = uri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
            assertThat(result.path("secretShown").asText().replace(" ", "")).isEqualTo(base32);
            assertThat(result.path("focusAfterCreate").asText()).isEqualTo("enrolment-title");
            assertThat(result.path("passwordAfterCreate").asText()).isEmpty();
            assertThat(enrolled.statusCode()).as("the new account signs in with the drawn code").isEqualTo(200);
            assertThat(enrolled.jsonPath().getList("roles", String.class)).containsExactly("coordinator");

            // "Done": no code, no secret, in the page or in its script's memory.
            for (String field : List.of("textAfterDone", "htmlAfterDone", "textAfterSignOut")) {
                assertThat(result.path(field).asText()).as(field).doesNotContain(base32)
                        .doesNotContain(result.path("secretShown").asText()).doesNotContain("otpauth:");
            }
            assertThat(result.path("qrElementsAfterDone").asInt()).isZero();
            assertThat(result.path("heapHoldsProbe").asBoolean()).as("the heap check sees the script's texts").isTrue();
            assertThat(result.path("heapHoldsSecret").asBoolean()).as("the script's heap after done").isFalse();
            assertThat(result.path("focusAfterDone").asText()).isEqualTo("c-username");

            assertThat(result.path("duplicateError").asText())
                    .isEqualTo("An account named " + newUsername + " exists already. Choose another username.");
            assertThat(result.path("shortPasswordError").asText())
                    .isEqualTo("The account was not saved. Password: 12 to 256 characters.");
            assertThat(result.path("enrolmentShownAfterRefusals").asBoolean()).isFalse();
            assertThat(texts(result.path("apiRefusals"))).containsExactly("/api/v1/review/accounts 409 (Conflict)",
                    "/api/v1/review/accounts 400 (Bad Request)");

            assertThat(result.path("noticeAfterDisable").asText()).contains(newUsername).contains("disabled");
            assertThat(whileDisabled.statusCode()).as("a disabled account's sign-in").isEqualTo(401);
            assertThat(sessionWhileDisabled).as("the session of a disabled account").isEqualTo(401);

            assertThat(result.path("focusOnEdit").asText()).isEqualTo("edit-title");
            assertThat(texts(result.path("editRolesBefore"))).containsExactly("coordinator");
            assertThat(texts(result.path("rowAfterChanges"))).containsExactly(newUsername, "reviewer", "default, east",
                    "south", "active");
            assertThat(rows.query("select array_to_string(roles, ',') as roles, array_to_string(programs, ',') as "
                    + "programs, unit, disabled from reviewer where username = ?", newUsername)).singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("roles", "reviewer")
                            .containsEntry("programs", "default,east").containsEntry("unit", "south")
                            .containsEntry("disabled", false));
            // Enabled again, the same secret signs in, now as a reviewer.
            Response again = signIn(newUsername, newPassword, new Totp().codeAt(secret, Instant.now().plusSeconds(30)));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.jsonPath().getList("roles", String.class)).containsExactly("reviewer");
            assertThat(rows.countWhere("audit_entry", "action = 'account.create' and actor = '" + admin.username() + "'"))
                    .isEqualTo(1);
        } finally {
            runner.shutdownNow();
        }
    }

    private static Response signIn(String username, String password, String code) {
        return given().contentType("application/json")
                .body(Map.of("username", username, "password", password, "totp", code))
                .post("/api/v1/review/session");
    }

    /** Waits for the flow's {@code <name>.json} (console-flow.mjs, handoff). */
    private static JsonNode awaitHandoff(Path folder, String name, Future<JsonNode> running) throws Exception {
        Path file = folder.resolve(name + ".json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(file)) {
            if (running.isDone()) {
                throw new AssertionError("the flow ended before " + name + ": " + running.get());
            }
            assertThat(System.nanoTime()).as("the flow reached " + name).isLessThan(deadline);
            Thread.sleep(100);
        }
        return JSON.readTree(file.toFile());
    }

    /** Lets the flow go on after {@code name}. */
    private static void release(Path folder, String name) throws IOException {
        Files.writeString(folder.resolve(name + ".go"), "{}");
    }

    private String base() {
        return NodeTools.origin(tipline);
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        return NodeTools.browserFlow("console-flow.mjs", tipline, ConsoleFlowChecks.SCREENSHOTS, options);
    }
}
