package org.tipline.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.testing.OfficeAccounts;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * The headers the front door puts on every answer appear once each: a tip's receipt, a
 * tipster's mailbox, an office answer and a problem document alike.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class ResponseHeaderTests {

    private final AgroalDataSource dataSource;
    private final OfficePublicKey officeKey;

    ResponseHeaderTests(AgroalDataSource dataSource, OfficePublicKey officeKey) {
        this.dataSource = dataSource;
        this.officeKey = officeKey;
    }

    @Test
    void everyAnswerCarriesEachPrivacyHeaderExactlyOnce() {
        OfficeAccounts accounts = new OfficeAccounts(dataSource, officeKey);
        Response receipt = given().contentType("application/json")
                .body(Map.of("category", "drugs", "description", "one Cache-Control header"))
                .post("/api/v1/tips");
        receipt.then().statusCode(201);
        Tipsters.Tipster tipster = new Tipsters.Tipster(receipt.path("reference"), receipt.path("passphrase"));
        Response mailbox = tipster.mailbox();
        mailbox.then().statusCode(200);
        String token = accounts.login(accounts.create("headers", List.of(ReviewerRole.COORDINATOR), List.of("default"),
                null));
        Response tips = given().header("Authorization", "Bearer " + token).get("/api/v1/review/tips");
        tips.then().statusCode(200);
        Response problem = given().contentType("application/json").body("{").post("/api/v1/tips");
        problem.then().statusCode(400);
        Response missing = given().get("/api/v1/no-such-path");
        missing.then().statusCode(404);

        for (Response response : List.of(receipt, mailbox, tips, problem, missing)) {
            assertThat(response.headers().getValues("Cache-Control")).containsExactly("no-store");
            assertThat(response.headers().getValues("Referrer-Policy")).containsExactly("no-referrer");
            assertThat(response.headers().getValues("X-Content-Type-Options")).containsExactly("nosniff");
        }
    }
}
