package org.tipline.tipster.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;

/** The process is not ready for tips until the intake warm-up has run. */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class IntakeReadinessTests {

    private final IntakeService intake;

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    IntakeReadinessTests(IntakeService intake) {
        this.intake = intake;
    }

    @Test
    void notReadyUntilTheWarmUpHasRun() {
        CompletableFuture<Void> warmUp = new CompletableFuture<>();
        assertThat(IntakeReadiness.of(warmUp).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        warmUp.complete(null);
        assertThat(IntakeReadiness.of(warmUp).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void theReadinessEndpointIncludesTheWarmUp() throws Exception {
        intake.warmedUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(IntakeReadiness.NAME));
    }
}
