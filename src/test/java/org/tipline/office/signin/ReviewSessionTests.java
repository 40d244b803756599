package org.tipline.office.signin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

/** Office logins: TOTP is mandatory, failures look alike and slow down, tokens expire. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ReviewSessionTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;
    @Inject
    SessionTokenStore tokens;

    private OfficeAccounts accounts;
    private TipRows rows;

    @BeforeEach
    void helpers() {
        accounts = new OfficeAccounts(dataSource, officeKey);
        rows = new TipRows(dataSource);
    }

    private Response login(String username, String password, String totp) {
        return given().contentType("application/json")
                .body(Map.of("username", username, "password", password, "totp", totp))
                .post("/api/v1/review/session");
    }

    @Test
    void aLoginGivesAShortLivedBearerToken() {
        OfficeAccounts.Account coordinator = accounts.create("cora", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        login(coordinator.username(), OfficeAccounts.PASSWORD, accounts.code(coordinator))
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token", startsWith("tlr_"))
                .body("tokenType", equalTo("Bearer"))
                .body("roles", equalTo(List.of("coordinator")));
    }

    @Test
    void theSameCodeIsNotAcceptedTwice() {
        OfficeAccounts.Account account = accounts.create("rita", List.of(ReviewerRole.REVIEWER), List.of("default"), "north");
        String code = accounts.code(account);
        login(account.username(), OfficeAccounts.PASSWORD, code).then().statusCode(200);
        login(account.username(), OfficeAccounts.PASSWORD, code).then().statusCode(401);
    }

    @Test
    void wrongUsernamePasswordOrCodeGiveTheSameAnswer() {
        OfficeAccounts.Account account = accounts.create("walt", List.of(ReviewerRole.REVIEWER), List.of("default"), null);
        String wrongCode = accounts.code(account).equals("000000") ? "111111" : "000000";
        Response unknownUser = login("nobody-" + System.nanoTime(), OfficeAccounts.PASSWORD, accounts.code(account));
        Response wrongPassword = login(account.username(), "not the password at all", accounts.code(account));
        Response wrongTotp = login(account.username(), OfficeAccounts.PASSWORD, wrongCode);
        for (Response response : List.of(unknownUser, wrongPassword, wrongTotp)) {
            response.then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("/problems/unauthorized"));
        }
        assertThat(wrongPassword.asString()).isEqualTo(unknownUser.asString()).isEqualTo(wrongTotp.asString());
        assertThat(wrongPassword.asString()).doesNotContain(account.username());
    }

    @Test
    void repeatedFailuresSlowDown() {
        OfficeAccounts.Account account = accounts.create("gus", List.of(ReviewerRole.REVIEWER), List.of("default"), null);
        for (int i = 0; i < 3; i++) {
            login(account.username(), "guess number " + i + " wrong", "123456").then().statusCode(401);
        }
        // From the fourth failure on, each one doubles the wait (1 s, 2 s, 4 s, ...): however slow
        // this machine, a further guess soon meets a wait it has not sat out.
        int status = 401;
        for (int i = 3; i < 12 && status == 401; i++) {
            status = login(account.username(), "guess number " + i + " wrong", "123456").statusCode();
        }
        assertThat(status).isEqualTo(429);
        Response slowed = login(account.username(), OfficeAccounts.PASSWORD, accounts.code(account));
        slowed.then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/too-many-requests"));
        assertThat(Integer.parseInt(slowed.header("Retry-After"))).isBetween(1, 900);
    }

    @Test
    void expiredForgedAndRefreshedTokens() {
        OfficeAccounts.Account account = accounts.create("tess", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String token = accounts.login(account);
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(200);

        String forged = "tlr_" + "A".repeat(43);
        given().auth().oauth2(forged).get("/api/v1/review/tips")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("tlr_short").get("/api/v1/review/tips").then().statusCode(401);

        String refreshed = given().auth().oauth2(token).post("/api/v1/review/session/refresh")
                .then().statusCode(200).extract().path("token");
        assertThat(refreshed).isNotEqualTo(token);
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(401);
        given().auth().oauth2(refreshed).get("/api/v1/review/tips").then().statusCode(200);

        rows.execute("update review_session set expires_at = now() - interval '1 second'");
        given().auth().oauth2(refreshed).get("/api/v1/review/tips").then().statusCode(401);
    }

    /**
     * Someone who can write the session table, but lacks the office key, plants a session for
     * a token of their choice under its plain SHA-256 (what the table held before): it opens
     * nothing. The same row under the token's real digest works, so the row itself is right.
     */
    @Test
    void aSessionRowWrittenWithoutTheOfficeKeyOpensNothing() throws Exception {
        OfficeAccounts.Account account = accounts.create("mole", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String chosen = org.tipline.crypto.SessionTokens.newToken(new java.security.SecureRandom());
        plantSession(account, java.security.MessageDigest.getInstance("SHA-256")
                .digest(chosen.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "10 minutes");
        given().auth().oauth2(chosen).get("/api/v1/review/tips").then().statusCode(401);
        given().auth().oauth2(chosen).post("/api/v1/review/session/refresh").then().statusCode(401);

        String other = org.tipline.crypto.SessionTokens.newToken(new java.security.SecureRandom());
        plantSession(account, tokens.digest(other), "10 minutes");
        given().auth().oauth2(other).get("/api/v1/review/tips").then().statusCode(200);
    }

    /** A row that claims a longer life than the configured 15 minutes is not one tipline wrote. */
    @Test
    void aSessionClaimingALongerLifeThanConfiguredIsRefused() throws Exception {
        OfficeAccounts.Account account = accounts.create("lena", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String token = org.tipline.crypto.SessionTokens.newToken(new java.security.SecureRandom());
        plantSession(account, tokens.digest(token), "1 hour");
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(401);
        given().auth().oauth2(token).post("/api/v1/review/session/refresh").then().statusCode(401);
    }

    private void plantSession(OfficeAccounts.Account account, byte[] digest, String life) throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.PreparedStatement insert = connection.prepareStatement(
                        "insert into review_session (token_hash, reviewer_id, expires_at, absolute_expires_at) "
                                + "select ?, id, now() + cast(? as interval), now() + cast(? as interval) "
                                + "from reviewer where username = ?")) {
            insert.setBytes(1, digest);
            insert.setString(2, life);
            insert.setString(3, life);
            insert.setString(4, account.username());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void concurrentRefreshesOfOneTokenGiveOneNewSession() throws Exception {
        OfficeAccounts.Account account = accounts.create("rhea", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String token = accounts.login(account);
        int parallel = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < parallel; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).post("/api/v1/review/session/refresh");
                }));
            }
            start.countDown();
            List<String> newTokens = new java.util.ArrayList<>();
            int refused = 0;
            for (java.util.concurrent.Future<io.restassured.response.Response> answer : answers) {
                io.restassured.response.Response response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (response.statusCode() == 200) {
                    newTokens.add(response.path("token"));
                } else {
                    assertThat(response.statusCode()).isEqualTo(401);
                    refused++;
                }
            }
            assertThat(newTokens).as("a refresh consumes its session exactly once").hasSize(1);
            assertThat(refused).isEqualTo(parallel - 1);
            given().auth().oauth2(newTokens.get(0)).get("/api/v1/review/tips").then().statusCode(200);
            given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(401);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logoutEndsTheSession() {
        OfficeAccounts.Account account = accounts.create("lou", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        String token = accounts.login(account);
        given().auth().oauth2(token).delete("/api/v1/review/session").then().statusCode(204);
        given().auth().oauth2(token).get("/api/v1/review/tips").then().statusCode(401);
    }

    @Test
    void aDisabledAccountCannotLogIn() {
        OfficeAccounts.Account account = accounts.create("dina", List.of(ReviewerRole.COORDINATOR), List.of("default"), null);
        rows.execute("update reviewer set disabled = true where username = '" + account.username() + "'");
        login(account.username(), OfficeAccounts.PASSWORD, accounts.code(account)).then().statusCode(401);
    }

    @Test
    void theStoredSessionHoldsOnlyTheTokensMac() {
        OfficeAccounts.Account account = accounts.create("hash", List.of(ReviewerRole.AUDITOR), List.of("default"), null);
        String token = accounts.login(account);
        assertThat(rows.countWhere("review_session", "token_hash = decode('"
                + java.util.HexFormat.of().formatHex(tokens.digest(token)) + "', 'hex')")).isEqualTo(1);
        assertThat(rows.countWhere("review_session", "token_hash = sha256(convert_to('" + token + "', 'UTF8'))"))
                .as("not a plain hash, which anyone could compute").isZero();
        assertThat(rows.countWhere("review_session", "position(convert_to('" + token.substring(4) + "', 'UTF8') in token_hash) > 0"))
                .isZero();
    }
}
