package org.tipline.platform.storage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tipline.testing.AppLog;
import org.tipline.testing.TestDatabase;

/**
 * Readiness follows the database: DOWN (503) within the probe's timeout while PostgreSQL is
 * stopped, UP again once it is back. Liveness never asks the database, and stays UP. A failed
 * probe writes no log line and names no host or error.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class DatabaseReadinessTests {

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @Test
    void readinessIsDownWhileTheDatabaseIsAndLivenessIsNot() throws Exception {
        Assumptions.assumeTrue(TestDatabase.embedded() != null, "needs the embedded database to stop it");
        awaitReady();
        given().get(ready).then().statusCode(200).body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        long logStart = AppLog.end();

        int port = TestDatabase.stopEmbedded();
        try {
            for (int probe = 0; probe < 3; probe++) {
                long started = System.nanoTime();
                Response answer = given().get(ready);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(503);
                assertThat(answer.<String>path("status")).isEqualTo("DOWN");
                assertThat(answer.<String>path("checks.find { it.name == 'database' }.status")).isEqualTo("DOWN");
                assertThat(answer.<Map<String, String>>path("checks.find { it.name == 'database' }.data"))
                        .containsOnlyKeys("reason");
                assertThat(answer.asString()).doesNotContain("127.0.0.1").doesNotContain(Integer.toString(port))
                        .doesNotContainIgnoringCase("tipline_app");
                assertThat(millis).as("the probe is bounded").isLessThan(DatabaseReadiness.TIMEOUT.toMillis() + 3000);
                given().get(live).then().statusCode(200).body("status", equalTo("UP"))
                        .body("checks.name", org.hamcrest.Matchers.not(hasItem("database")));
            }
        } finally {
            TestDatabase.restartEmbedded(port);
        }
        awaitReady();
        List<String> logged = AppLog.linesSince(logStart);
        assertThat(logged).as("what the failed probes logged").noneMatch(line -> line.contains("health")
                || line.contains("Connection refused") || line.contains("datasource"));
    }

    private void awaitReady() throws InterruptedException {
        int status = 0;
        for (int attempt = 0; attempt < 60 && status != 200; attempt++) {
            status = given().get(ready).statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertThat(status).as("ready").isEqualTo(200);
    }
}
