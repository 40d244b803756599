package org.tipline.tipster.followup;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.Tipsters;
import org.tipline.tipster.proof.ProofOfWorkProfile;

/**
 * A passphrase sign-in pays for a proof-of-work before anything else: a guessing flood
 * without solutions is refused before the guessing budget is charged and before any Argon2id,
 * so it cannot spend the budget that keeps a tip's owner out. Session tokens need no proof.
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class ProofSigninTests {

    private final MeterRegistry metrics;

    ProofSigninTests(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    private double argon2id() {
        return metrics.get("tipline.kdf.tasks").counter().count();
    }

    @Test
    void guessesWithoutAProofAreRefusedBeforeTheGuessingBudget() {
        Response receipt = given().contentType("application/json").header(Proofs.HEADER, Proofs.fresh())
                .body("{\"category\":\"other\",\"description\":\"the owner comes back\"}").post("/api/v1/tips");
        receipt.then().statusCode(201);
        Tipsters.Tipster owner = new Tipsters.Tipster(receipt.path("reference"), receipt.path("passphrase"));
        java.util.List<String> words = new java.util.ArrayList<>(java.util.List.of(owner.passphrase().split(" ")));
        java.util.Collections.rotate(words, 1); // well-formed words, wrong passphrase
        String guess = Tipsters.header(owner.reference(), String.join(" ", words));

        // The profile's budget is 10 failed sign-ins a minute with a burst of one: had these
        // been charged, the owner's sign-in below would get 429.
        double before = argon2id();
        for (int i = 0; i < 20; i++) {
            given().header("Authorization", guess).post("/api/v1/followup/session")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("/problems/proof-missing"));
            given().header("Authorization", guess).get("/api/v1/followup")
                    .then().statusCode(400).body("type", equalTo("/problems/proof-missing"));
        }
        given().header("Authorization", guess).header(Proofs.HEADER, "bm90IGEgcHJvb2Y=").get("/api/v1/followup")
                .then().statusCode(400).body("type", equalTo("/problems/proof-invalid"));
        assertThat(argon2id()).as("no Argon2id for a sign-in without a proof").isEqualTo(before);

        String token = given().header("Authorization", owner.authorization()).header(Proofs.HEADER, Proofs.fresh())
                .post("/api/v1/followup/session").then().statusCode(201).extract().path("token");
        given().auth().oauth2(token).get("/api/v1/followup").then().statusCode(200)
                .body("reference", equalTo(owner.reference()));
        given().header("Authorization", owner.authorization()).get("/api/v1/followup")
                .then().statusCode(400).body("type", equalTo("/problems/proof-missing"));
    }
}
