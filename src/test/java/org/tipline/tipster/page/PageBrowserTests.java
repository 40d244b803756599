package org.tipline.tipster.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
 * The page in headless Chromium (Debian's chromium driven by playwright-core, src/test/js/
 * page-flow.mjs), with proof-of-work on as in production:
 * <ul>
 * <li>with JavaScript, in French: the tipster fills the form, the page solves the challenge
 *     with a progress bar, seals the tip in the browser (a visible step) and posts the envelope;
 *     the receipt holds the tipster until they confirm; the row is the built-in channel web's,
 *     of format version 2 (sealed by the front end), and the office reads it; neither the
 *     description nor the passphrase is in any request the browser made (URL, header or body);</li>
 * <li>without JavaScript, in Spanish: the same by a plain form post, as channel web-form;</li>
 * <li>"Check for replies": the tipster comes back to the sealed tip (the browser derives from
 *     the passphrase, signs in, opens the office's question and seals the answer), and the
 *     office reads the answer; neither the passphrase, the question nor the answer is in any
 *     request;</li>
 * </ul>
 * and on every screen: no request to any host but tipline's, no console error (a
 * Content-Security-Policy violation would be one), no cookie or storage, and no serious or
 * critical axe-core finding. Screenshots of each step at 360x740 and 1280x800 are saved under
 * target/page-screenshots/.
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class PageBrowserTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "page-screenshots").toAbsolutePath();

    @TestHTTPResource("/")
    URL tipline;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;
    private String coordinator;

    @BeforeEach
    void setUp() {
        NodeTools.requireBrowser();
        NodeTools.require("axe-core");
        rows = new TipRows(dataSource);
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        coordinator = accounts.login(accounts.create("page-coordinator", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null));
    }

    @Test
    void withJavaScriptTheTipsterSolvesSubmitsConfirmsAndComesBackForTheOfficesQuestion() throws Exception {
        String description = "js page tip " + UUID.randomUUID();
        JsonNode tip = flow(Map.of("flow", "tip", "lang", "fr", "javaScript", true, "description", description));
        assertClean(tip);
        assertThat(tip.path("formTitle").asText()).isEqualTo("Faire un signalement");
        assertThat(tip.path("htmlLang").asText()).isEqualTo("fr");
        assertThat(tip.path("receiptTitle").asText()).isEqualTo("Votre signalement a été reçu");
        assertThat(tip.path("focused").asText()).isEqualTo("receipt-title");
        assertThat(tip.path("confirmNeededShown").asBoolean()).as("Done without the box ticked is held").isTrue();
        assertThat(tip.path("stillOnReceipt").asBoolean()).isTrue();
        assertThat(tip.path("afterConfirm").asBoolean()).isTrue();
        assertThat(tip.path("storage").toString()).isEqualTo("{\"local\":0,\"session\":0,\"cookie\":\"\"}");
        assertThat(NodeTools.requests(tip)).contains("GET " + base() + "/api/v1/challenge", "GET " + base() + "/api/v1/office-key",
                "POST " + base() + "/api/v1/tips/sealed", "GET " + base() + "/page/assets/altcha-sha.js")
                .doesNotContain("POST " + base() + "/api/v1/tips")
                .anySatisfy(request -> assertThat(request).matches("GET .*/page/assets/seal-[A-Z0-9]+\\.js"));
        assertThat(tip.path("statusTexts").toString()).as("the sealing step is shown")
                .contains("Votre signalement est scellé sur cet appareil");

        String reference = tip.path("reference").asText();
        String passphrase = tip.path("passphrase").asText();
        assertThat(passphrase.split(" ")).hasSize(7);
        assertNeverSent(tip, description, "description");
        assertNeverSent(tip, passphrase, "passphrase");
        Map<String, Object> row = rows.query("select channel, category, format_version from tip where reference = ?",
                reference).get(0);
        assertThat(row).containsEntry("channel", "web").containsEntry("category", "drugs");
        assertThat(((Number) row.get("format_version")).intValue()).as("sealed by the front end").isEqualTo(2);
        Response read = given().auth().oauth2(coordinator).queryParam("purpose", "browser test")
                .get("/api/v1/review/tips/" + reference);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("description")).isEqualTo(description);
        assertThat(read.jsonPath().getString("occurredAt")).isEqualTo("2026-11-20T21:30");
        assertThat(read.jsonPath().getString("language")).isEqualTo("fr");

        // The office asks; the tipster comes back with the reference and passphrase, reads it and answers.
        given().auth().oauth2(coordinator).contentType("application/json")
                .body(Map.of("text", "What colour was the car?"))
                .post("/api/v1/review/tips/" + reference + "/messages").then().statusCode(201);
        JsonNode replies = flow(Map.of("flow", "replies", "lang", "en", "reference", reference.toLowerCase(),
                "passphrase", passphrase.toUpperCase(), "answer", "A white van."));
        assertClean(replies);
        // A tip the page sealed comes back sealed: the browser derived, signed in, opened and sealed.
        assertThat(NodeTools.requests(replies)).contains("POST " + base() + "/api/v1/followup/sealed/kdf",
                "POST " + base() + "/api/v1/followup/sealed/session", "GET " + base() + "/api/v1/followup/sealed",
                "POST " + base() + "/api/v1/followup/sealed/messages")
                .doesNotContain("POST " + base() + "/api/v1/followup/session", "GET " + base() + "/api/v1/followup");
        assertNeverSent(replies, passphrase, "passphrase");
        assertNeverSent(replies, "A white van.", "answer");
        assertNeverSent(replies, "What colour was the car?", "question");
        assertThat(replies.path("messagesAfter").toString()).isEqualTo("[\"What colour was the car?\",\"A white van.\"]");
        assertThat(replies.path("storage").toString()).isEqualTo("{\"local\":0,\"session\":0,\"cookie\":\"\"}");
        List<String> answers = given().auth().oauth2(coordinator).queryParam("purpose", "browser test")
                .get("/api/v1/review/tips/" + reference + "/messages").then().statusCode(200).extract()
                .jsonPath().getList("messages.text");
        assertThat(answers).containsExactly("What colour was the car?", "A white van.");
    }

    @Test
    void withoutJavaScriptTheFormPostsAndTheServerRendersTheReceipt() throws Exception {
        String description = "no-js page tip " + UUID.randomUUID();
        long before = rows.count();
        JsonNode tip = flow(Map.of("flow", "tip", "lang", "es", "javaScript", false, "description", description));
        assertClean(tip);
        assertThat(tip.path("formTitle").asText()).isEqualTo("Enviar una denuncia");
        assertThat(tip.path("receiptTitle").asText()).isEqualTo("Recibimos su denuncia");
        assertThat(NodeTools.requests(tip)).contains("POST " + base() + "/page/tip")
                .noneMatch(request -> request.contains("/api/v1/") || request.contains("/page/assets/seal-"));
        String reference = tip.path("reference").asText();
        assertThat(rows.count()).isEqualTo(before + 1);
        Map<String, Object> row = rows.query("select channel, format_version from tip where reference = ?", reference)
                .get(0);
        assertThat(row).containsEntry("channel", "web-form");
        assertThat(((Number) row.get("format_version")).intValue()).as("sealed by intake").isEqualTo(1);
        Response read = given().auth().oauth2(coordinator).queryParam("purpose", "browser test")
                .get("/api/v1/review/tips/" + reference);
        assertThat(read.jsonPath().getString("description")).isEqualTo(description);
        assertThat(read.jsonPath().getString("language")).isEqualTo("es");
    }

    /** No error, no console error, no cookie, no request to another host, no serious or critical axe finding. */
    private void assertClean(JsonNode result) {
        assertThat(result.path("error").isMissingNode()).as(result.path("error").asText() + " (page error: "
                + result.path("signinError").asText() + result.path("pageError").asText() + ")").isTrue();
        assertThat(result.path("consoleErrors")).as(result.path("consoleErrors").toString()).isEmpty();
        assertThat(result.path("cookies").asInt()).isZero();
        String origin = base();
        assertThat(NodeTools.requests(result)).isNotEmpty()
                .allSatisfy(request -> assertThat(request.substring(request.indexOf(' ') + 1)).startsWith(origin + "/"));
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

    /**
     * {@code secret} is in no request the browser made: not in a URL, a header or a body, neither
     * as typed, nor in base64 or URL-encoded (either way of writing a space), nor with its JSON escapes.
     */
    private static void assertNeverSent(JsonNode result, String secret, String what) throws Exception {
        String formEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        List<String> forms = List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                formEncoded, formEncoded.replace("+", "%20"), JSON.writeValueAsString(secret).replace("\"", ""));
        assertThat(result.path("traffic")).as("recorded requests").hasSizeGreaterThanOrEqualTo(NodeTools.requests(result).size());
        for (JsonNode request : result.path("traffic")) {
            String seen = request.path("method").asText() + " " + request.path("url").asText() + "\n"
                    + request.path("headers").toString() + "\n" + request.path("body").asText();
            for (String form : forms) {
                assertThat(seen).as("the " + what + " in " + request.path("method").asText() + " "
                        + request.path("url").asText()).doesNotContainIgnoringCase(form);
            }
        }
    }

    private String base() {
        return NodeTools.origin(tipline);
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        return NodeTools.browserFlow("page-flow.mjs", tipline, SCREENSHOTS, options);
    }
}
