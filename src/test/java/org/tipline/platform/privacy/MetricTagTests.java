package org.tipline.platform.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;

/**
 * The HTTP metrics (management port) tag requests with the endpoint's template, never with
 * the path a client sent: no tip reference and no client text ends up in a metric tag, and
 * made-up paths cannot fill the metrics' 100 URI tags. The API fuzz hit that limit.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class MetricTagTests {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    @Test
    void errorAnswersToUnmatchedPathsAreNotTaggedWithThePath() {
        String reference = Tipsters.submit("a tip whose reference must stay out of the metrics").reference();
        String marker = "MetricTagMarker" + System.nanoTime();
        given().delete("/api/v1/review/tips/" + reference).then().statusCode(405);
        given().put("/api/v1/review/accounts/" + marker).then().statusCode(405);
        given().get("/api/v1/" + marker).then().statusCode(404);

        String exposed = given().get(metrics).then().statusCode(200).extract().asString();
        assertThat(exposed).contains("http_server_requests_seconds_count").contains("status=\"405\",uri=\"UNKNOWN\"");
        assertThat(exposed).doesNotContain(reference).doesNotContain(marker);
    }
}
