package org.tipline.tipster.page;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.AppLog;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/**
 * The page as the server renders it: its headers (a strict Content-Security-Policy, no
 * cookie, no referrer), its languages (from the link, never from Accept-Language), and a tip
 * sent by its form without JavaScript: stored as the built-in channel web-form, read by the
 * office like any other, its receipt rendered; bad input re-renders the form, stores nothing
 * and logs nothing of the tip.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class PageTests {

    static final String POLICY = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Pattern REFERENCE = Pattern.compile("id=\"receipt-reference\" class=\"secret\">(TIP-[A-Z0-9-]+)<");
    private static final Pattern PASSPHRASE = Pattern.compile("id=\"receipt-passphrase\" class=\"secret\">([a-z -]+)<");

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;

    @BeforeEach
    void rows() {
        rows = new TipRows(dataSource);
    }

    @Test
    void thePageCarriesAStrictPolicyNoCookieAndNoReferrer() {
        for (String path : List.of("/", "/page/replies", "/page/assets/page.js", "/page/assets/page.css")) {
            Response answer = given().get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.header("Content-Security-Policy")).as(path).isEqualTo(POLICY);
            assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.headers().hasHeaderWithName("Set-Cookie")).as(path).isFalse();
        }
        Response page = given().get("/");
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.asString();
        assertThat(html).contains("<form id=\"tip-form\" method=\"post\" action=\"/page/tip\">")
                .contains("<option value=\"drugs\">Drugs</option>")
                .contains("<label for=\"description\">What happened?</label>");
        // Every URL the page names is tipline's own: no other host, no inline script or style.
        assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<script>")
                .doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=");
        // The API's own paths keep their headers: no page policy there.
        assertThat(given().get("/api/v1/challenge").header("Content-Security-Policy")).isNull();
    }

    /**
     * The page's scripts and stylesheet go out compressed; an answer that can carry a passphrase
     * or a tip (the receipt's HTML, JSON) never does, whatever the browser offers: a compression
     * side channel could read a secret beside reflected input.
     */
    @Test
    void scriptsGoOutCompressedAndNoAnswerThatCarriesASecretDoes() throws Exception {
        for (String asset : List.of("page.js", "page.css")) {
            Response answer = given().header("Accept-Encoding", "gzip").get("/page/assets/" + asset);
            assertThat(answer.statusCode()).as(asset).isEqualTo(200);
            assertThat(answer.header("Content-Encoding")).as(asset).isEqualTo("gzip");
            assertThat(answer.asByteArray()).as(asset).isEqualTo(Files.readAllBytes(
                    Path.of("src/main/resources/META-INF/resources/page/assets", asset)));
        }
        Response receipt = given().header("Accept-Encoding", "gzip, deflate, br")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("lang", "en", "category", "theft", "description", "compression check " + UUID.randomUUID()))
                .post("/page/tip");
        assertThat(receipt.statusCode()).as(receipt.asString()).isEqualTo(201);
        assertThat(PASSPHRASE.matcher(receipt.asString()).find()).isTrue();
        assertThat(receipt.header("Content-Encoding")).as("the receipt, with its passphrase").isNull();
        for (String path : List.of("/", "/page/replies", "/api/v1/office-key", "/api/v1/challenge")) {
            assertThat(given().header("Accept-Encoding", "gzip, deflate, br").get(path).header("Content-Encoding"))
                    .as(path).isNull();
        }
    }

    @Test
    void theLanguageComesFromTheLinkNeverFromAcceptLanguage() {
        assertThat(given().get("/?lang=fr").asString()).contains("<html lang=\"fr\">")
                .contains("<h1>Faire un signalement</h1>").contains("<option value=\"drugs\">Drogues</option>");
        assertThat(given().get("/?lang=es").asString()).contains("<html lang=\"es\">")
                .contains("<h1>Enviar una denuncia</h1>").contains("Una persona desaparecida");
        assertThat(given().get("/page/replies?lang=fr").asString()).contains("<h1>Voir les réponses</h1>");
        assertThat(given().header("Accept-Language", "fr-FR,fr;q=0.9").get("/").asString())
                .contains("<html lang=\"en\">").contains("<h1>Leave a tip</h1>");
        assertThat(given().get("/?lang=xx").asString()).contains("<html lang=\"en\">");
    }

    @Test
    void aTipSentWithoutJavaScriptIsStoredAndItsReceiptRendered() {
        String marker = "form marker " + UUID.randomUUID();
        String description = marker + " " + "x".repeat(15_000); // well past a default form field's limit
        Response answer = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("lang", "es", "category", "theft", "description", description,
                        "location", "Calle Mayor 3", "date", "2026-11-20", "time", "21:30"))
                .post("/page/tip");
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(201);
        String html = answer.asString();
        assertThat(html).contains("<html lang=\"es\">").contains("Recibimos su denuncia");
        Matcher reference = REFERENCE.matcher(html);
        Matcher passphrase = PASSPHRASE.matcher(html);
        assertThat(reference.find()).as(html).isTrue();
        assertThat(passphrase.find()).as(html).isTrue();
        assertThat(passphrase.group(1).split(" ")).hasSize(7);
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(POLICY);

        Map<String, Object> row = rows.query("select channel, category from tip where reference = ?",
                reference.group(1)).get(0);
        assertThat(row).containsEntry("channel", "web-form").containsEntry("category", "theft");

        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        String token = accounts.login(accounts.create("page-reader", List.of(ReviewerRole.COORDINATOR),
                List.of("default"), null));
        Response read = given().auth().oauth2(token).queryParam("purpose", "page test")
                .get("/api/v1/review/tips/" + reference.group(1));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.jsonPath().getString("description")).isEqualTo(description);
        assertThat(read.jsonPath().getString("occurredAt")).isEqualTo("2026-11-20T21:30");
        assertThat(read.jsonPath().getString("language")).isEqualTo("es");

        // The passphrase opens the mailbox, as with the JSON API.
        String credential = java.util.Base64.getEncoder().encodeToString((reference.group(1) + ":" + passphrase.group(1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        given().header("Authorization", "Tipster " + credential).get("/api/v1/followup").then().statusCode(200);
    }

    @Test
    void badInputReRendersTheFormStoresNothingAndLogsNothingOfTheTip() throws Exception {
        String marker = "bad form marker " + UUID.randomUUID();
        long before = rows.count();
        long log = AppLog.end();
        Map<List<String>, String> cases = Map.of(
                List.of("category", "no-such-category", "description", marker), "Choose what the tip is about.",
                List.of("category", "drugs", "description", "   "), "Describe what happened",
                List.of("category", "drugs", "description", marker, "location", marker + "y".repeat(1_000)),
                "The place can be at most 1,000 characters.",
                List.of("category", "drugs", "description", marker, "date", "20/11/2026"), "Give the date as year",
                List.of("category", "drugs", "description", marker, "time", "21:30"), "Give the date as year",
                List.of("category", "drugs", "description", "z".repeat(20_001)), "Describe what happened");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            Map<String, String> form = new java.util.HashMap<>();
            for (int i = 0; i < bad.getKey().size(); i += 2) {
                form.put(bad.getKey().get(i), bad.getKey().get(i + 1));
            }
            Response answer = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(form)
                    .post("/page/tip");
            assertThat(answer.statusCode()).as(form.keySet().toString()).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("text/html");
            assertThat(answer.asString()).contains("role=\"alert\" id=\"error-summary\"").contains(bad.getValue());
        }
        // What the tipster wrote comes back in the form, escaped, so that it need not be typed again.
        String html = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParams(Map.of("category", "", "description", marker + " <b>&")).post("/page/tip").asString();
        assertThat(html).contains(marker + " &lt;b&gt;&amp;</textarea>");
        assertThat(rows.count()).isEqualTo(before);
        assertThat(String.join("\n", AppLog.linesSince(log))).doesNotContain(marker);
    }
}
