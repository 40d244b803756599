package org.tipline.office.review;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * Text that PostgreSQL cannot store or compare (a NUL character) in a username, an assignee or
 * a category filter is refused like any other wrong value, never a 500 from the database.
 * The API fuzz (ApiFuzzTests) found each of these.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class UnstorableTextTests {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    OfficePublicKey officeKey;

    private String token;

    @BeforeEach
    void signIn() {
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        token = accounts.login(accounts.create("nul", List.of(ReviewerRole.COORDINATOR, ReviewerRole.ADMIN),
                List.of("default"), null));
    }

    @Test
    void aLoginWithNulInTheUsernameIsAnOrdinaryFailure() {
        given().contentType("application/json")
                .body("{\"username\":\"cora\\u0000\",\"password\":\"correct horse battery staple\",\"totp\":\"123456\"}")
                .post("/api/v1/review/session")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void anAccountNamedWithNulIsNotFound() {
        given().auth().oauth2(token).urlEncodingEnabled(false).contentType("application/json").body("{\"unit\":\"unit-7\"}")
                .patch("/api/v1/review/accounts/cora%00")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listingFiltersWithNulAre400NamingTheFilter() {
        for (String path : List.of("/api/v1/review/tips", "/api/v1/review/tips/contents")) {
            given().auth().oauth2(token).urlEncodingEnabled(false).get(path + "?assignee=cora%00")
                    .then().statusCode(400).body("errors[0].field", equalTo("assignee"));
            given().auth().oauth2(token).urlEncodingEnabled(false).get(path + "?category=drugs%00")
                    .then().statusCode(400).body("errors[0].field", equalTo("category"));
        }
    }

    @Test
    void assigningATipToANameWithNulIs400() {
        String reference = Tipsters.submit("a tip to assign").reference();
        given().auth().oauth2(token).contentType("application/json").body("{\"assignee\":\"cora\\u0000\"}")
                .patch("/api/v1/review/tips/" + reference)
                .then().statusCode(400).body("errors[0].field", equalTo("assignee"));
    }
}
