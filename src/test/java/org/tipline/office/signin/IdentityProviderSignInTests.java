package org.tipline.office.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.IdentityProviderProfile;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TestIdentityProvider;
import org.tipline.testing.TipRows;

/**
 * Office sign-in with tokens from the office's identity provider: the provider's roles map to
 * tipline roles and nothing more, programs and unit come from claims, the remit and the audit
 * log work as for tipline accounts, and a token that is expired, foreign, unsigned or for
 * someone else gets 401. tipline's own tokens keep working beside it.
 */
@QuarkusTest
@TestProfile(IdentityProviderProfile.class)
@WithTestResource(TestDatabase.class)
class IdentityProviderSignInTests {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String CLAIM_CANARY = "CLAIM-CANARY-5521";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private OfficeAccounts accounts;
    private TipRows rows;

    @BeforeEach
    void helpers() {
        accounts = new OfficeAccounts(dataSource, officeKey);
        rows = new TipRows(dataSource);
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    private static String submit(String description) {
        return given().contentType("application/json")
                .body(Map.of("category", "drugs", "description", description, "location", "Dock 9"))
                .post("/api/v1/tips").then().statusCode(201).extract().path("reference");
    }

    private static String coordinatorToken(String username, Object programs) {
        return TestIdentityProvider.sign(TestIdentityProvider.keycloakToken(username,
                List.of("crimestoppers-coordinator", "offline_access"), programs).claim("note", CLAIM_CANARY));
    }

    /** Every reference the token may list, page by page. */
    private static List<String> listAll(String token) {
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 200; page++) {
            Response response = given().auth().oauth2(token).queryParam("size", 100).queryParam("page", page)
                    .get("/api/v1/review/tips");
            response.then().statusCode(200);
            all.addAll(response.path("items.reference"));
            if (!response.<Boolean>path("more")) {
                return all;
            }
        }
        throw new AssertionError("more than 200 pages");
    }

    private static void assertUnauthorized(String token) {
        given().auth().oauth2(token).get("/api/v1/review/tips")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("/problems/unauthorized"));
    }

    @Test
    void aCoordinatorTokenListsAndReadsTipsOfItsProgramWithOneAuditEntryNamingIt() {
        String reference = submit("Van parked behind the bakery every Tuesday");
        String username = uniqueName("kc-coord");
        String token = coordinatorToken(username, List.of("default"));

        assertThat(listAll(token)).contains(reference);
        long auditBefore = rows.auditCount();
        given().auth().oauth2(token).queryParam("purpose", "weekly triage")
                .get("/api/v1/review/tips/" + reference)
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tip.reference", equalTo(reference))
                .body("description", equalTo("Van parked behind the bakery every Tuesday"));
        assertThat(rows.auditCount()).isEqualTo(auditBefore + 1);
        assertThat(rows.countWhere("audit_entry", "action = 'tip.read' and tip_reference = '" + reference
                + "' and actor = '" + username + "' and purpose = 'weekly triage'")).isEqualTo(1);
    }

    @Test
    void programsMayComeAsOneStringSeparatedBySpacesOrCommas() {
        String reference = submit("programs as a string");
        String token = coordinatorToken(uniqueName("kc-str"), "northside, default");
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(200);
    }

    @Test
    void aTokenForAnotherProgramGets404AndDoesNotListTheTip() {
        String reference = submit("belongs to the default program");
        String token = coordinatorToken(uniqueName("kc-north"), List.of("northside"));
        long auditBefore = rows.auditCount();
        Response outside = given().auth().oauth2(token).get("/api/v1/review/tips/" + reference);
        Response unknown = given().auth().oauth2(token).get("/api/v1/review/tips/TIP-0000-0000-0000-0000");
        outside.then().statusCode(404).contentType("application/problem+json");
        assertThat(outside.asString()).isEqualTo(unknown.asString());
        assertThat(listAll(token)).doesNotContain(reference);
        assertThat(rows.auditCount()).as("nothing decrypted, nothing audited").isEqualTo(auditBefore);
    }

    @Test
    void aTokenWithoutProgramsSeesNoTips() {
        String reference = submit("nobody without a program sees this");
        String token = coordinatorToken(uniqueName("kc-none"), null);
        assertThat(listAll(token)).isEmpty();
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(404);
    }

    @Test
    void aReviewerTokenSeesTheTipsOfItsUnit() {
        String unitTip = submit("assigned to the harbour unit");
        String otherTip = submit("assigned to another unit");
        String coordinator = coordinatorToken(uniqueName("kc-assign"), List.of("default"));
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignedUnit", "harbour"))
                .patch("/api/v1/review/tips/" + unitTip).then().statusCode(200);
        given().auth().oauth2(coordinator).contentType("application/json").body(Map.of("assignedUnit", "airport"))
                .patch("/api/v1/review/tips/" + otherTip).then().statusCode(200);

        String reviewer = TestIdentityProvider.sign(TestIdentityProvider.keycloakToken(uniqueName("kc-rev"),
                List.of("crimestoppers-reviewer"), List.of("default")).claim("tipline_unit", "harbour"));
        assertThat(listAll(reviewer)).contains(unitTip).doesNotContain(otherTip);
        given().auth().oauth2(reviewer).get("/api/v1/review/tips/" + unitTip).then().statusCode(200);
        given().auth().oauth2(reviewer).get("/api/v1/review/tips/" + otherTip).then().statusCode(404);
        given().auth().oauth2(reviewer).contentType("application/json").body(Map.of("assignedUnit", "airport"))
                .patch("/api/v1/review/tips/" + unitTip).then().statusCode(403);
    }

    @Test
    void providerRolesThatMapToNothingGet403EvenWhenNamedLikeTiplineRoles() {
        String reference = submit("role mapping");
        for (List<String> roles : List.of(List.of("offline_access"), List.of("coordinator", "admin", "reviewer"),
                List.<String>of())) {
            String token = TestIdentityProvider.sign(
                    TestIdentityProvider.keycloakToken(uniqueName("kc-norole"), roles, List.of("default")));
            given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(403)
                    .contentType("application/problem+json").body("type", equalTo("/problems/forbidden"));
            given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/review/accounts").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/review/audit").then().statusCode(403);
        }
    }

    @Test
    void anEntraAppRoleWithADotInItsNameMapsToAdmin() {
        long now = Instant.now().getEpochSecond();
        String token = TestIdentityProvider.sign(io.smallrye.jwt.build.Jwt.claims()
                .issuer(TestIdentityProvider.ISSUER).audience(TestIdentityProvider.AUDIENCE)
                .subject("00000000-aaaa-bbbb-cccc-000000000001")
                .claim("preferred_username", uniqueName("ada") + "@office.example")
                .claim("roles", List.of("Tipline.Admin"))
                .issuedAt(now).expiresAt(now + 300));
        given().auth().oauth2(token).get("/api/v1/review/accounts").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(403);
    }

    @Test
    void withoutPreferredUsernameTheSubjectNamesTheCallerInTheAuditLog() {
        String reference = submit("read by a subject");
        long now = Instant.now().getEpochSecond();
        String subject = uniqueName("subject");
        String token = TestIdentityProvider.sign(io.smallrye.jwt.build.Jwt.claims()
                .issuer(TestIdentityProvider.ISSUER).audience(TestIdentityProvider.AUDIENCE).subject(subject)
                .claim("realm_access", Map.of("roles", List.of("crimestoppers-coordinator")))
                .claim("tipline_programs", List.of("default"))
                .issuedAt(now).expiresAt(now + 300));
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(200);
        assertThat(rows.countWhere("audit_entry", "action = 'tip.read' and tip_reference = '" + reference
                + "' and actor = '" + subject + "'")).isEqualTo(1);
    }

    @Test
    void expiredForeignWronglyIssuedMisaddressedAndUnsignedTokensGet401() {
        String username = uniqueName("kc-bad");
        List<String> roles = List.of("crimestoppers-coordinator");
        long now = Instant.now().getEpochSecond();
        JwtClaimsBuilder expired = TestIdentityProvider.keycloakToken(username, roles, List.of("default"))
                .issuedAt(now - 7200).expiresAt(now - 3600);
        JwtClaimsBuilder wrongIssuer = TestIdentityProvider.keycloakToken(username, roles, List.of("default"))
                .issuer("https://idp.elsewhere.test/realms/office");
        JwtClaimsBuilder wrongAudience = TestIdentityProvider.keycloakToken(username, roles, List.of("default"))
                .audience("another-app");
        assertUnauthorized(TestIdentityProvider.sign(expired));
        assertUnauthorized(TestIdentityProvider.sign(TestIdentityProvider.keycloakToken(username, roles,
                List.of("default")), TestIdentityProvider.strangerKey().getPrivate()));
        assertUnauthorized(TestIdentityProvider.sign(wrongIssuer));
        assertUnauthorized(TestIdentityProvider.sign(wrongAudience));
        assertUnauthorized(TestIdentityProvider.unsigned("{\"iss\":\"" + TestIdentityProvider.ISSUER
                + "\",\"aud\":\"tipline\",\"sub\":\"x\",\"preferred_username\":\"" + username
                + "\",\"realm_access\":{\"roles\":[\"crimestoppers-coordinator\"]},\"tipline_programs\":[\"default\"],"
                + "\"iat\":" + now + ",\"exp\":" + (now + 300) + "}"));
        assertUnauthorized("not-a-jwt-and-not-a-tipline-token");
    }

    @Test
    void tiplineTokensStillWorkBesideTheIdentityProvider() {
        String reference = submit("read with a tipline session");
        OfficeAccounts.Account account = accounts.create("local", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String token = accounts.login(account);
        given().auth().oauth2(token).get("/api/v1/review/tips/" + reference).then().statusCode(200);
        String refreshed = given().auth().oauth2(token).post("/api/v1/review/session/refresh")
                .then().statusCode(200).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(refreshed).delete("/api/v1/review/session").then().statusCode(204);
        given().auth().oauth2(refreshed).get("/api/v1/review/tips").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void providerCallersCannotRefreshOrEndATiplineSession() {
        String token = coordinatorToken(uniqueName("kc-session"), List.of("default"));
        given().auth().oauth2(token).post("/api/v1/review/session/refresh")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(token).delete("/api/v1/review/session")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void noTokenAndNoClaimReachesTheLog() throws IOException {
        String token = coordinatorToken(uniqueName("kc-log"), List.of("default"));
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(200);
        assertUnauthorized(TestIdentityProvider.sign(TestIdentityProvider.keycloakToken("kc-log-bad",
                List.of("crimestoppers-coordinator"), List.of("default")).claim("note", CLAIM_CANARY)
                .issuer("https://idp.log-canary.test/")));
        Path log = Path.of("target", "test-logs", "tipline.log");
        String text = Files.exists(log) ? Files.readString(log) : "";
        assertThat(text).doesNotContain(CLAIM_CANARY).doesNotContain(token.substring(0, 40))
                .doesNotContain("kc-log-bad").doesNotContain("idp.log-canary.test").doesNotContain("eyJ");
    }
}
