package org.tipline.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.tipline.testing.ReviewRoleProfile;
import org.tipline.testing.TestDatabase;

/**
 * A review process is ready only with the office keyset unlocked in memory: with the key state
 * of a process whose keyset is still locked, readiness is DOWN (503) and says which key is
 * missing; liveness stays UP. An intake process needs the public key only.
 */
@QuarkusTest
@TestProfile(ReviewRoleProfile.class)
@WithTestResource(TestDatabase.class)
class OfficeKeyReadinessTests {

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "health/live", management = true)
    URL live;

    @Test
    void theUnlockedReviewProcessIsReady() {
        given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'office keys' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'office keys' }.data.'private key'", equalTo("unlocked"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
    }

    @Test
    void aLockedOfficeKeyIsNotReady() {
        OfficeKeyState locked = new OfficeKeyState();
        locked.publicLoaded();
        QuarkusMock.installMockForType(locked, OfficeKeyState.class);
        given().get(ready).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'office keys' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'office keys' }.data.'private key'", equalTo("locked"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void eachRoleNeedsItsOwnKeys() {
        OfficeKeyState nothing = new OfficeKeyState();
        OfficeKeyState publicOnly = new OfficeKeyState();
        publicOnly.publicLoaded();
        OfficeKeyState both = new OfficeKeyState();
        both.publicLoaded();
        both.privateUnlocked();
        assertThat(OfficeKeyReadiness.of(nothing, false).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(OfficeKeyReadiness.of(publicOnly, false).getStatus()).as("intake").isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(OfficeKeyReadiness.of(publicOnly, true).getStatus()).as("review, locked")
                .isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(OfficeKeyReadiness.of(both, true).getStatus()).as("review, unlocked").isEqualTo(HealthCheckResponse.Status.UP);
    }
}
