package org.tipline.platform.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.testing.Tipsters;

/** With the database down, a tip gets 503 problem+json, and nothing is stored. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class DatabaseOutageTests {

    private final TipRows rows;

    DatabaseOutageTests(AgroalDataSource dataSource) {
        this.rows = new TipRows(dataSource);
    }

    @Test
    void aTipDuringAnOutageIs503AndIsNotStored() throws Exception {
        Assumptions.assumeTrue(TestDatabase.embedded() != null, "needs the embedded database to stop it");
        Map<String, String> tip = Map.of("category", "fraud", "description", "posted while the database is down");
        given().contentType("application/json").body(tip).post("/api/v1/tips").then().statusCode(201);
        long before = rows.count();

        int port = TestDatabase.stopEmbedded();
        try {
            for (int i = 0; i < 3; i++) {
                given().contentType("application/json").body(tip)
                        .post("/api/v1/tips")
                        .then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "30")
                        .body("type", equalTo("/problems/storage-unavailable"));
            }
        } finally {
            TestDatabase.restartEmbedded(port);
        }
        assertThat(rows.count()).isEqualTo(before);

        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 201; attempt++) {
            status = given().contentType("application/json").body(tip).post("/api/v1/tips").statusCode();
            if (status != 201) {
                Thread.sleep(250);
            }
        }
        assertThat(status).as("tips are accepted again once the database is back").isEqualTo(201);
        assertThat(rows.count()).isEqualTo(before + 1);
    }

    /**
     * The guessing budget and the login throttle live in the database: without it, a sign-in
     * is refused with 503 (fail closed), never let through unthrottled and never a 500.
     */
    @Test
    void aSignInDuringAnOutageIs503() throws Exception {
        Assumptions.assumeTrue(TestDatabase.embedded() != null, "needs the embedded database to stop it");
        Tipsters.Tipster tipster = Tipsters.submit("a tip whose tipster signs in while the database is down");
        int port = TestDatabase.stopEmbedded();
        try {
            given().header("Authorization", tipster.authorization()).get("/api/v1/followup")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("type", equalTo("/problems/storage-unavailable"));
            List<String> words = new ArrayList<>(List.of(tipster.passphrase().split(" ")));
            Collections.reverse(words); // well-formed, and wrong
            given().header("Authorization", Tipsters.header(tipster.reference(), String.join(" ", words))).get("/api/v1/followup")
                    .then().statusCode(503)
                    .contentType("application/problem+json");
            given().contentType("application/json")
                    .body(Map.of("username", "outage", "password", "a password", "totp", "123456"))
                    .post("/api/v1/review/session")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "30")
                    .body("type", equalTo("/problems/storage-unavailable"));
        } finally {
            TestDatabase.restartEmbedded(port);
        }
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = given().header("Authorization", tipster.authorization()).get("/api/v1/followup").statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).as("the tipster gets in once the database is back").isEqualTo(200);
    }
}
