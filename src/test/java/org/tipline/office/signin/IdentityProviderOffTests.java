package org.tipline.office.signin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TestIdentityProvider;

/** With no identity provider configured (the default), a well-formed, well-signed JWT opens nothing. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class IdentityProviderOffTests {

    @Test
    void aValidLookingJwtGets401ProblemJson() {
        String token = TestIdentityProvider.sign(TestIdentityProvider.keycloakToken("kc-off",
                List.of("crimestoppers-coordinator", "coordinator", "admin"), List.of("default")));
        for (String path : List.of("/api/v1/review/tips", "/api/v1/review/accounts", "/api/v1/review/audit")) {
            given().auth().oauth2(token).get(path)
                    .then().statusCode(401).contentType("application/problem+json")
                    .body("type", equalTo("/problems/unauthorized"));
        }
        given().auth().oauth2(token).post("/api/v1/review/session/refresh")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
