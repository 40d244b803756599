package org.tipline.platform.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;

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
}
