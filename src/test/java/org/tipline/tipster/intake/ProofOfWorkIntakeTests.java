package org.tipline.tipster.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tipster.proof.ProofOfWorkProfile;

/**
 * With proof-of-work on (as in production), a tip needs a solved challenge; every way a proof
 * can fail is refused with its own problem type, writes no row, echoes nothing and costs no
 * Argon2id and no seal, like the bad input of {@link BadInputTests}.
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class ProofOfWorkIntakeTests {

    private static final String TIP = "{\"category\":\"drugs\",\"description\":\"ZQX-ECHO-MARK proof\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TipRows rows;
    private final MeterRegistry metrics;
    private final IntakeService intake;

    ProofOfWorkIntakeTests(AgroalDataSource dataSource, MeterRegistry metrics, IntakeService intake) {
        this.rows = new TipRows(dataSource);
        this.metrics = metrics;
        this.intake = intake;
    }

    @BeforeEach
    void waitForTheWarmUp() throws Exception {
        intake.warmedUp().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private List<Double> expensiveWork() {
        return List.of(metrics.get("tipline.kdf.tasks").counter().count(),
                metrics.get("tipline.office-key.seals").counter().count());
    }

    @Test
    void theChallengeIsWhatTheAltchaWidgetReads() throws Exception {
        String body = given().get("/api/v1/challenge").then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("algorithm", equalTo("SHA-256"))
                .body("maxnumber", equalTo((int) ProofOfWorkProfile.BASE_DIFFICULTY))
                .extract().asString();
        @SuppressWarnings("unchecked")
        Map<String, Object> challenge = JSON.readValue(body, Map.class);
        assertThat(challenge.keySet()).containsExactlyInAnyOrder("algorithm", "challenge", "maxnumber", "salt", "signature");
        assertThat((String) challenge.get("challenge")).matches("[0-9a-f]{64}");
        assertThat((String) challenge.get("signature")).matches("[0-9a-f]{64}");
        Map<String, String> params = Altcha.extractParams((String) challenge.get("salt"));
        assertThat(params).containsKeys("expires", "d", "g");
        assertThat(Long.parseLong(params.get("expires")) - System.currentTimeMillis() / 1000).isBetween(590L, 600L);
        assertThat(params.get("d")).isEqualTo(Long.toString(ProofOfWorkProfile.BASE_DIFFICULTY));
    }

    @Test
    void aTipWithASolvedChallengeIsStored() {
        long before = rows.count();
        List<Double> work = expensiveWork();
        given().contentType("application/json").header(Proofs.HEADER, Proofs.fresh()).body(TIP)
                .post("/api/v1/tips").then().statusCode(201);
        assertThat(rows.count()).isEqualTo(before + 1);
        assertThat(expensiveWork().get(0) - work.get(0)).isEqualTo(1.0);
    }

    private ValidatableResponse refused(String proof, String type) {
        long before = rows.count();
        long spent = rows.queryLong("select count(*) from proof_spent");
        List<Double> work = expensiveWork();
        var request = given().contentType("application/json").body(TIP);
        if (proof != null) {
            request.header(Proofs.HEADER, proof);
        }
        ValidatableResponse response = request.post("/api/v1/tips").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/" + type))
                .body("status", equalTo(400))
                .body(not(containsString("ZQX-ECHO-MARK")))
                .body(not(containsString("Exception")));
        if (proof != null && proof.length() > 8) {
            response.body(not(containsString(proof.substring(0, 8))));
        }
        assertThat(rows.count()).as("no tip written").isEqualTo(before);
        assertThat(rows.queryLong("select count(*) from proof_spent")).as("nothing spent").isEqualTo(spent);
        assertThat(expensiveWork()).as("no Argon2id and no seal for a refused proof").isEqualTo(work);
        return response;
    }

    @Test
    void aTipWithoutAProofIsRefused() {
        refused(null, "proof-missing").body("detail", containsString("X-Tipline-Proof"));
        refused("", "proof-missing");
    }

    @Test
    void aMalformedProofIsRefusedAsInvalid() throws Exception {
        ObjectNode good = Proofs.decode(Proofs.fresh());
        ObjectNode noNumber = good.deepCopy();
        noNumber.remove("number");
        ObjectNode numberAsObject = good.deepCopy();
        numberAsObject.putObject("number").put("ZQX-ECHO-MARK", 1);
        ObjectNode saltWithoutParameters = good.deepCopy();
        saltWithoutParameters.put("salt", "0123456789abcdef");
        ObjectNode badEscape = good.deepCopy();
        badEscape.put("salt", good.get("salt").asText() + "&x=%zz");
        ObjectNode otherAlgorithm = good.deepCopy();
        otherAlgorithm.put("algorithm", "SHA-1");
        for (String proof : List.of("ZQX-ECHO-MARK not base64 %%%",
                b64("ZQX-ECHO-MARK not json"),
                b64("[\"ZQX-ECHO-MARK\"]"),
                b64("{\"algorithm\":\"SHA-256\",\"challenge\":" + "[".repeat(5000)),
                Proofs.encode(noNumber), Proofs.encode(numberAsObject), Proofs.encode(saltWithoutParameters),
                Proofs.encode(badEscape), Proofs.encode(otherAlgorithm),
                "A".repeat(1025), "A".repeat(7000))) {
            refused(proof, "proof-invalid");
        }
    }

    @Test
    void aForgedSignatureIsRefusedAsInvalid() {
        ObjectNode payload = Proofs.decode(Proofs.fresh());
        String signature = payload.get("signature").asText();
        payload.put("signature", (signature.charAt(0) == 'a' ? "b" : "a") + signature.substring(1));
        refused(Proofs.encode(payload), "proof-invalid");
    }

    @Test
    void aWrongNumberIsRefusedAsInvalid() {
        ObjectNode payload = Proofs.decode(Proofs.fresh());
        payload.put("number", payload.get("number").asLong() + 1);
        refused(Proofs.encode(payload), "proof-invalid");
    }

    @Test
    void aSaltWithALaterExpiryNoLongerMatchesItsChallenge() throws Exception {
        String challenge = given().get("/api/v1/challenge").then().statusCode(200).extract().asString();
        ObjectNode solved = Proofs.decode(Proofs.solve(challenge));
        String salt = solved.get("salt").asText();
        String expires = Altcha.extractParams(salt).get("expires");
        solved.put("salt", salt.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 86_400)));
        refused(Proofs.encode(solved), "proof-invalid");
    }

    @Test
    void anExpiredChallengeIsRefused() throws Exception {
        refused(signedWithTheServiceKey(ProofOfWorkProfile.BASE_DIFFICULTY, System.currentTimeMillis() / 1000 - 1),
                "proof-expired");
    }

    @Test
    void aChallengeIssuedBelowTheFloorIsRefusedAsTooEasy() throws Exception {
        refused(signedWithTheServiceKey(ProofOfWorkProfile.BASE_DIFFICULTY / 2 - 1,
                System.currentTimeMillis() / 1000 + 300), "proof-too-easy");
    }

    @Test
    void aSolutionIsTakenOnceOnly() throws Exception {
        String proof = Proofs.fresh();
        String tipId = Altcha.extractParams(Proofs.decode(proof).get("salt").asText()).get("t");
        given().contentType("application/json").header(Proofs.HEADER, proof).body(TIP)
                .post("/api/v1/tips").then().statusCode(201);
        assertThat(rows.queryLong("select count(*) from tip where id = '" + UUID.fromString(tipId) + "'"))
                .as("the tip has the id its challenge carries, so the row spends the proof").isEqualTo(1);
        refused(proof, "proof-replayed");
        refused(proof, "proof-replayed");
    }

    /**
     * A solved challenge made with the service's own key (read from the database, as a second
     * intake process would), but with the given difficulty and expiry.
     */
    private String signedWithTheServiceKey(long difficulty, long expires) throws Exception {
        Proofs.fresh(); // the current generation's key exists
        Map<String, Object> key = rows.query("select generation, hmac_key from proof_key order by generation desc limit 1")
                .get(0);
        Altcha.Challenge challenge = Altcha.createChallenge(new Altcha.ChallengeOptions()
                .setAlgorithm(Altcha.Algorithm.SHA256).setMaxNumber(difficulty).setHmacKey((String) key.get("hmac_key"))
                .setExpires(expires).addParam("d", Long.toString(difficulty))
                .addParam("g", key.get("generation").toString()));
        return Proofs.solve(JSON.writeValueAsString(challenge));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
