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
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.ConsoleProviderProfile;
import org.tipline.testing.FakeIdentityProvider;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TestIdentityProvider;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;

/**
 * The console's sign-in at the office's identity provider, in headless Chromium
 * (src/test/js/console-flow.mjs, flows "provider" and "provider-refused") against a
 * {@link FakeIdentityProvider} that checks the client id, the redirect URI, PKCE (S256), the
 * state and the nonce:
 * <ul>
 * <li>a coordinator of the provider presses "Sign in with Office SSO" and comes back signed in:
 *     the address holds no code or state, storage and cookies are empty; the access token is
 *     refreshed before it expires, and the refreshed one reads a tip (one {@code tip.read} entry
 *     whose actor is the provider's username); after sign-out no request carries a token or goes
 *     to the provider, and the page's JavaScript heap holds none of the tokens issued;</li>
 * <li>a refusal by the provider, a provider token that the API refuses (401: another
 *     audience), and a provider account that tipline's role map gives no role, each get a clear
 *     message (the last in French) and no session;</li>
 * <li>the options endpoint names the provider, {@code GET /api/v1/review/session} says who a
 *     token signs in, and the console's policy lets it connect to the provider's origin and no
 *     other.</li>
 * </ul>
 * Every browser request goes to tipline or the provider, with no console error and no serious
 * or critical axe-core finding.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
@TestProfile(ConsoleProviderProfile.class)
class ConsoleProviderSignInTests {


    @TestHTTPResource("/")
    URL tipline;
    @ConfigProperty(name = "tipline.console.oidc.issuer")
    String issuer;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private TipRows rows;

    @BeforeEach
    void setUp() {
        rows = new TipRows(dataSource);
    }

    @Test
    void aCoordinatorSignsInAtTheProviderReadsATipAndSignsOutLeavingNoToken() throws Exception {
        requireBrowser();
        String description = "provider console tip " + UUID.randomUUID();
        Tipsters.Tipster tipster = Tipsters.submit(description);
        String username = "sso-cora-" + UUID.randomUUID().toString().substring(0, 8);
        String purpose = "provider triage " + UUID.randomUUID();
        provider(username, List.of("crimestoppers-coordinator", "offline_access"), Map.of("expiresIn", 65));

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("flow", "provider");
        options.put("lang", "en");
        options.put("issuer", issuer);
        options.put("reference", tipster.reference());
        options.put("purpose", purpose);
        options.put("waitForRefresh", true);
        JsonNode result = flow(options);
        JsonNode state = FakeIdentityProvider.state(issuer);
        assertThat(state.path("problems")).as("what the provider refused").isEmpty();
        assertClean(result);

        assertThat(result.path("providerShown").asBoolean()).isTrue();
        assertThat(result.path("providerButton").asText()).isEqualTo("Sign in with Office SSO");
        assertThat(result.path("urlAfterCallback").asText()).as("no code or state left in the address")
                .isEqualTo(NodeTools.origin(tipline) + "/office/?lang=en");
        assertThat(result.path("storageAfterCallback").toString()).as("the verifier, state and nonce are gone")
                .isEqualTo(NO_STORAGE);
        assertThat(result.path("storageSignedIn").toString()).isEqualTo(NO_STORAGE);
        assertThat(result.path("whoami").asText()).isEqualTo("Signed in as " + username + " (coordinator)");
        assertThat(result.path("description").asText()).isEqualTo(description);

        assertThat(state.path("authorizations").asInt()).isEqualTo(1);
        assertThat(state.path("exchanges").asInt()).isEqualTo(1);
        assertThat(state.path("refreshes").asInt()).as("refreshed before expiry").isGreaterThanOrEqualTo(1);
        List<String> issued = texts(state.path("issued"));
        assertThat(result.path("readToken").asText()).as("the tip was read with a refreshed access token")
                .isIn(issued).isNotEqualTo(issued.get(0));

        // One read, recorded under the provider's username, with the purpose typed.
        assertThat(rows.query("select actor, purpose from audit_entry where action = 'tip.read' and tip_reference = ?",
                tipster.reference())).hasSize(1).first()
                .satisfies(entry -> assertThat(entry).containsEntry("actor", username).containsEntry("purpose", purpose));

        // Signed out: no token is sent or refreshed any more, none is in storage or in the page's heap.
        assertThat(result.path("bearersAfterSignOut").asInt()).isZero();
        assertThat(result.path("providerRequestsAfterSignOut").asInt()).isZero();
        assertThat(result.path("storageAfterSignOut").toString()).isEqualTo(NO_STORAGE);
        assertThat(result.path("textAfterSignOut").asText()).doesNotContain(description).doesNotContain(username);
        assertThat(result.path("tokensIssued").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(result.path("tokensInHeap").asInt()).as("issued tokens still in the page's memory").isZero();
    }

    @Test
    void aRefusalAtTheProviderIsSaidClearly() throws Exception {
        requireBrowser();
        provider("sso-refused", List.of("crimestoppers-coordinator"), Map.of("refuse", true));
        JsonNode result = flow(Map.of("flow", "provider-refused", "lang", "en", "issuer", issuer));
        assertClean(result);
        assertThat(result.path("signinError").asText()).isEqualTo("The identity provider did not sign you in (access_denied).");
        assertThat(result.path("signedIn").asBoolean()).isFalse();
        assertThat(result.path("urlAfterCallback").asText()).isEqualTo(NodeTools.origin(tipline) + "/office/?lang=en");
        assertThat(result.path("storageAfterCallback").toString()).isEqualTo(NO_STORAGE);
        JsonNode state = FakeIdentityProvider.state(issuer);
        assertThat(state.path("problems")).as(state.path("problems").toString()).isEmpty();
        assertThat(state.path("exchanges").asInt()).isZero();
    }

    @Test
    void aProviderAccountWithoutATiplineRoleIsToldSoInFrench() throws Exception {
        requireBrowser();
        String username = "sso-norole-" + UUID.randomUUID().toString().substring(0, 8);
        provider(username, List.of("offline_access", "coordinator"), Map.of());
        JsonNode result = flow(Map.of("flow", "provider-refused", "lang", "fr", "issuer", issuer));
        assertClean(result);
        assertThat(result.path("signinError").asText()).isEqualTo("Vous êtes connecté au fournisseur d'identité en tant "
                + "que " + username + ", mais il ne vous donne aucun rôle dans tipline. Adressez-vous à votre administrateur.");
        assertThat(result.path("signedIn").asBoolean()).isFalse();
        assertThat(result.path("urlAfterCallback").asText()).isEqualTo(NodeTools.origin(tipline) + "/office/?lang=fr");
        assertThat(result.path("storageAfterCallback").toString()).isEqualTo(NO_STORAGE);
        assertThat(NodeTools.requests(result)).noneMatch(request -> request.contains("/api/v1/review/tips"));
        assertThat(FakeIdentityProvider.state(issuer).path("problems")).isEmpty();
    }

    @Test
    void aProviderTokenThatTiplineRefusesIsSaidClearly() throws Exception {
        requireBrowser();
        provider("sso-elsewhere", List.of("crimestoppers-coordinator"), Map.of("audience", "another-application"));
        JsonNode result = flow(Map.of("flow", "provider-refused", "lang", "en", "issuer", issuer));
        assertClean(result);
        assertThat(result.path("signinError").asText()).isEqualTo("tipline did not accept the identity provider's sign-in. "
                + "Ask your administrator to check tipline's provider settings.");
        assertThat(result.path("signedIn").asBoolean()).isFalse();
        assertThat(texts(result.path("apiRefusals"))).singleElement().asString().startsWith("/api/v1/review/session 401");
        assertThat(result.path("storageAfterCallback").toString()).isEqualTo(NO_STORAGE);
        assertThat(FakeIdentityProvider.state(issuer).path("exchanges").asInt()).isEqualTo(1);
    }

    @Test
    void theOptionsNameTheProviderAndThePolicyLetsTheConsoleReachItsOriginOnly() {
        Response options = given().get("/api/v1/review/session/options");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.jsonPath().getBoolean("password")).isTrue();
        assertThat(options.jsonPath().getMap("provider")).containsExactlyInAnyOrderEntriesOf(Map.of("issuer", issuer,
                "clientId", FakeIdentityProvider.CLIENT_ID, "scope", "openid", "name", "Office SSO"));
        URI uri = URI.create(issuer);
        String origin = uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
        for (String path : List.of("/office/", "/office/oidc.js", "/office/vendor/oauth.js")) {
            assertThat(given().get(path).then().statusCode(200).extract().header("Content-Security-Policy")).as(path)
                    .isEqualTo("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self' "
                            + origin + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        }
        assertThat(given().get("/api/v1/review/tips").header("Content-Security-Policy")).isNull();
    }

    @Test
    void theSessionSaysWhoATokenSignsIn() {
        String token = TestIdentityProvider.sign(TestIdentityProvider.keycloakToken("sso-who",
                List.of("crimestoppers-reviewer", "crimestoppers-coordinator", "admin"), List.of("default")).issuer(issuer));
        Response provider = given().auth().oauth2(token).get("/api/v1/review/session");
        assertThat(provider.statusCode()).isEqualTo(200);
        assertThat(provider.jsonPath().getString("username")).isEqualTo("sso-who");
        assertThat(provider.jsonPath().getList("roles", String.class)).containsExactly("coordinator", "reviewer");
        assertThat(provider.jsonPath().getString("signedInThrough")).isEqualTo("provider");

        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        OfficeAccounts.Account account = accounts.create("who-audit", List.of(ReviewerRole.AUDITOR), List.of("default"), null);
        Response own = given().auth().oauth2(accounts.login(account)).get("/api/v1/review/session");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.jsonPath().getString("username")).isEqualTo(account.username());
        assertThat(own.jsonPath().getList("roles", String.class)).containsExactly("auditor");
        assertThat(own.jsonPath().getString("signedInThrough")).isEqualTo("tipline");

        assertThat(given().get("/api/v1/review/session").statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(TestIdentityProvider.sign(TestIdentityProvider.keycloakToken("sso-stranger",
                List.of("crimestoppers-coordinator"), null))).get("/api/v1/review/session").statusCode())
                .as("a token of another issuer").isEqualTo(401);
    }

    /** Whom the provider signs in next, and how ({@code refuse}, {@code expiresIn} seconds, {@code audience}). */
    private void provider(String username, List<String> roles, Map<String, Object> how) throws Exception {
        String origin = NodeTools.origin(tipline);
        Map<String, Object> setup = new LinkedHashMap<>(how);
        setup.put("redirectUri", origin + "/office/");
        setup.put("origin", origin);
        setup.put("user", Map.of("username", username, "roles", roles, "programs", List.of("default")));
        FakeIdentityProvider.setUp(issuer, setup);
    }

    private static void requireBrowser() {
        NodeTools.requireBrowser();
        NodeTools.require("axe-core");
    }

    /** ConsoleFlowChecks' checks, with the provider's origin allowed beside tipline's. */
    private void assertClean(JsonNode result) {
        URI provider = URI.create(issuer);
        ConsoleFlowChecks.assertClean(result, NodeTools.origin(tipline),
                provider.getScheme() + "://" + provider.getHost() + ":" + provider.getPort());
    }

    private JsonNode flow(Map<String, Object> options) throws Exception {
        return NodeTools.browserFlow("console-flow.mjs", tipline, ConsoleFlowChecks.SCREENSHOTS, options);
    }
}
