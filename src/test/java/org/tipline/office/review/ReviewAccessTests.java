package org.tipline.office.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
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

/**
 * Every review endpoint: 401 without a token, with a forged token and with an expired
 * one; 403 for a role that may not use it. All as problem+json.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ReviewAccessTests {

    private static final String TIP = "TIP-0000-0000-0000-0000";

    /** Method, path, a body if it takes one, and a role that must get 403 (null: any signed-in account may call it). */
    record Endpoint(String method, String path, Object body, ReviewerRole wrongRole) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/review/tips", null, ReviewerRole.AUDITOR),
            new Endpoint("GET", "/api/v1/review/tips/contents", null, ReviewerRole.ADMIN),
            new Endpoint("GET", "/api/v1/review/tips/" + TIP, null, ReviewerRole.AUDITOR),
            new Endpoint("PATCH", "/api/v1/review/tips/" + TIP, Map.of("status", "closed"), ReviewerRole.ADMIN),
            new Endpoint("POST", "/api/v1/review/tips/" + TIP + "/notes", Map.of("text", "x"), ReviewerRole.AUDITOR),
            new Endpoint("GET", "/api/v1/review/tips/" + TIP + "/notes", null, ReviewerRole.ADMIN),
            new Endpoint("GET", "/api/v1/review/accounts", null, ReviewerRole.COORDINATOR),
            new Endpoint("POST", "/api/v1/review/accounts", Map.of("username", "newbie", "password", "x",
                    "roles", List.of("reviewer"), "programs", List.of("default")), ReviewerRole.AUDITOR),
            new Endpoint("PATCH", "/api/v1/review/accounts/someone", Map.of("disabled", true), ReviewerRole.REVIEWER),
            new Endpoint("GET", "/api/v1/review/audit", null, ReviewerRole.COORDINATOR),
            new Endpoint("GET", "/api/v1/review/audit/verify", null, ReviewerRole.REVIEWER),
            new Endpoint("GET", "/api/v1/review/audit/head", null, ReviewerRole.ADMIN),
            new Endpoint("POST", "/api/v1/review/session/refresh", null, null),
            new Endpoint("DELETE", "/api/v1/review/session", null, null));

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

    private static void call(RequestSpecification request, Endpoint endpoint, int status, String type) {
        if (endpoint.body() != null) {
            request = request.contentType("application/json").body(endpoint.body());
        }
        request.request(endpoint.method(), endpoint.path())
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type));
    }

    @Test
    void noTokenForgedTokenAndExpiredTokenAre401Everywhere() {
        OfficeAccounts.Account account = accounts.create("expiring", List.of(ReviewerRole.COORDINATOR,
                ReviewerRole.ADMIN, ReviewerRole.AUDITOR), List.of("default"), null);
        String expired = accounts.login(account);
        rows.execute("update review_session set expires_at = now() - interval '1 second' where reviewer_id = "
                + "(select id from reviewer where username = '" + account.username() + "')");
        for (Endpoint endpoint : ENDPOINTS) {
            call(given(), endpoint, 401, "/problems/unauthorized");
            call(given().auth().oauth2("tlr_" + "x".repeat(43)), endpoint, 401, "/problems/unauthorized");
            call(given().auth().oauth2(expired), endpoint, 401, "/problems/unauthorized");
        }
    }

    @Test
    void theWrongRoleIs403Everywhere() {
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.wrongRole() == null) {
                continue;
            }
            String token = accounts.login(accounts.create("wrong", List.of(endpoint.wrongRole()), List.of("default"), null));
            call(given().auth().oauth2(token), endpoint, 403, "/problems/forbidden");
        }
    }
}
