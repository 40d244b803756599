package org.tipline.office.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;

/**
 * The console's files as an all-in-one process serves them (the review role serves the same:
 * ReviewRoleConsoleTests): a strict policy, no referrer, no cache, no cookie; the shell names
 * only tipline's own files and holds no inline script or style; the English and French texts
 * have the same keys.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ConsoleServingTests {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final List<String> FILES = List.of("/office/", "/office/console.js", "/office/accounts.js",
            "/office/vendor/qr.js", "/office/console.css", "/office/icon.svg", "/office/i18n/en.json",
            "/office/i18n/fr.json", "/office/oidc.js", "/office/vendor/oauth.js");

    @Test
    void everyFileCarriesTheStrictPolicyNoStoreNoReferrerAndNoCookie() {
        for (String path : FILES) {
            assertServed(path);
        }
        Response shell = given().get("/office/");
        assertThat(shell.contentType()).startsWith("text/html");
        String html = shell.asString();
        assertThat(html).contains("<script type=\"module\" src=\"console.js\"></script>")
                .doesNotContainPattern("(src|href)=\"(https?:)?//").doesNotContain("<script>")
                .doesNotContain("style=").doesNotContainPattern("\\son[a-z]+=");
        assertThat(given().get("/office/console.js").contentType()).contains("javascript");
        assertThat(given().get("/office/vendor/qr.js").contentType()).contains("javascript");
        // The API keeps its own headers: no console policy there.
        assertThat(given().get("/api/v1/review/tips").header("Content-Security-Policy")).isNull();
    }

    @Test
    void theBareAddressLeadsToTheShell() {
        Response answer = given().redirects().follow(false).get("/office");
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("/office/");
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(POLICY);
    }

    @Test
    void withoutTheConsoleProviderSettingsOnlyThePasswordIsOffered() {
        Response options = given().get("/api/v1/review/session/options");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.jsonPath().getBoolean("password")).isTrue();
        assertThat(options.jsonPath().getMap("$")).containsEntry("provider", null);
    }

    @Test
    void bothLanguagesHaveTheSameTexts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode english = json.readTree(given().get("/office/i18n/en.json").asString());
        JsonNode french = json.readTree(given().get("/office/i18n/fr.json").asString());
        assertThat(keys(french)).isEqualTo(keys(english)).contains("err401", "err429", "shortcuts", "recorded");
        assertThat(french.path("signIn").asText()).isEqualTo("Se connecter");
    }

    static void assertServed(String path) {
        Response answer = given().get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.header("Content-Security-Policy")).as(path).isEqualTo(POLICY);
        assertThat(answer.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
        assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(answer.header("Cache-Control")).as(path).isEqualTo("no-store");
        assertThat(answer.headers().hasHeaderWithName("Set-Cookie")).as(path).isFalse();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            keys.add(names.next());
        }
        keys.sort(String::compareTo);
        return keys;
    }
}
