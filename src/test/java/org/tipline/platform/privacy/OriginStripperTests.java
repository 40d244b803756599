package org.tipline.platform.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;

/** Application code sees only the allowlisted headers; origin data is gone before it runs. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class OriginStripperTests {

    @Test
    void originHeadersNeverReachApplicationCode() {
        Response response = given()
                .header("X-Forwarded-For", "203.0.113.77")
                .header("X-Forwarded-Host", "front.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "for=203.0.113.77")
                .header("X-Real-IP", "203.0.113.77")
                .header("True-Client-IP", "203.0.113.77")
                .header("CF-Connecting-IP", "203.0.113.77")
                .header("Via", "1.1 proxy")
                .header("User-Agent", "canary-agent/9.9")
                .header("Referer", "https://front.example/tip?who=me")
                .header("Cookie", "session=abc")
                .header("Accept-Language", "fr-CA")
                .header("From", "someone@example.org")
                .header("X-Custom-Tracking", "t-123")
                .header("DNT", "1")
                .header("Authorization", "Bearer test")
                .accept("application/json")
                .get("/test/seen-headers");
        response.then().statusCode(200);
        List<String> jaxrs = response.path("jaxrs");
        List<String> vertx = response.path("vertx");
        assertThat(vertx).isSubsetOf(OriginStripper.ALLOWED_HEADERS);
        assertThat(jaxrs).isSubsetOf(OriginStripper.ALLOWED_HEADERS);
        assertThat(jaxrs).contains("accept", "authorization");
        assertThat((Integer) response.path("cookies")).isZero();
    }

    @Test
    void responsesTellBrowsersNotToLeakTheReferrer() {
        given().get("/api/v1/office-key").then()
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store")
                .header("Set-Cookie", (String) null);
    }
}
