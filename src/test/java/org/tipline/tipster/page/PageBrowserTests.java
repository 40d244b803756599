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
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
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
 *     with a progress bar and posts the tip; the receipt holds the tipster until they confirm;
 *     the row is the built-in channel web's and the office reads it;</li>
 * <li>without JavaScript, in Spanish: the same by a plain form post, as channel web-form;</li>
 * <li>"Check for replies": the tipster reads the office's question and answers it, and the
 *     office reads the answer;</li>
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
        assertThat(requests(tip)).contains("GET " + base() + "/api/v1/challenge", "POST " + base() + "/api/v1/tips",
                "GET " + base() + "/page/assets/altcha-sha.js");

        String reference = tip.path("reference").asText();
        String passphrase = tip.path("passphrase").asText();
        assertThat(passphrase.split(" ")).hasSize(7);
        Map<String, Object> row = rows.query("select channel, category from tip where reference = ?", reference).get(0);
        assertThat(row).containsEntry("channel", "web").containsEntry("category", "drugs");
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
        assertThat(replies.path("messages").toString()).isEqualTo("[\"What colour was the car?\"]");
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
        assertThat(requests(tip)).contains("POST " + base() + "/page/tip")
                .noneMatch(request -> request.contains("/api/v1/"));
        String reference = tip.path("reference").asText();
        assertThat(rows.count()).isEqualTo(before + 1);
        assertThat(rows.query("select channel from tip where reference = ?", reference).get(0))
                .containsEntry("channel", "web-form");
        Response read = given().auth().oauth2(coordinator).queryParam("purpose", "browser test")
                .get("/api/v1/review/tips/" + reference);
        assertThat(read.jsonPath().getString("description")).isEqualTo(description);
        assertThat(read.jsonPath().getString("language")).isEqualTo("es");
    }

    /** No error, no console error, no cookie, no request to another host, no serious or critical axe finding. */
    private void assertClean(JsonNode result) {
        assertThat(result.path("error").isMissingNode()).as(result.path("error").asText() + " (page error: "
                + result.path("signinError").asText() + ")").isTrue();
        assertThat(result.path("consoleErrors")).as(result.path("consoleErrors").toString()).isEmpty();
        assertThat(result.path("cookies").asInt()).isZero();
        String origin = base();
        assertThat(requests(result)).isNotEmpty()
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

    private static List<String> requests(JsonNode result) {
        List<String> list = new ArrayList<>();
        result.path("requests").forEach(request -> list.add(request.asText()));
        return list;
    }

    private String base() {
        URI uri = URI.create(tipline.toString());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("base", base());
        all.put("screenshots", Files.createDirectories(SCREENSHOTS).toString());
        String output = NodeTools.run(Map.of(), "page-flow.mjs", JSON.writeValueAsString(all));
        String[] lines = output.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }
}
