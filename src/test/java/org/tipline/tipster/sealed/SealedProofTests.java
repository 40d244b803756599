package org.tipline.tipster.sealed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.Map;
import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.DemoKeys;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.testing.NodeTools;
import org.tipline.testing.OfficeKeyForTests;
import org.tipline.testing.Proofs;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.TipRows;
import org.tipline.tipster.proof.ProofOfWorkProfile;

/**
 * With proof-of-work on (as for the page), the binding rides in the challenge's signed salt
 * (t and r): one round trip. An envelope sealed to another tip id or reference than its
 * proof's is refused before the proof is spent; a forged salt fails the proof's signature; a
 * spent proof cannot carry a second tip.
 */
@QuarkusTest
@TestProfile(ProofOfWorkProfile.class)
@WithTestResource(TestDatabase.class)
class SealedProofTests {

    private static OfficePublicKey frontEndKey;

    @TestHTTPResource("/")
    URL tipline;

    private final AgroalDataSource dataSource;

    SealedProofTests(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeAll
    static void frontEndCopyOfTheOfficeKey() throws Exception {
        frontEndKey = OfficePublicKey.read(DemoKeys.ensure(TestDatabase.DATA_DIR));
    }

    /** A solved challenge and the binding its salt carries. */
    private record Solved(String proof, SealedEnvelopes.Binding binding) {
    }

    private static Solved solved() {
        String challenge = given().get("/api/v1/challenge").then().statusCode(200).extract().asString();
        String proof = Proofs.solve(challenge);
        Map<String, String> params;
        try {
            params = Altcha.extractParams(Proofs.decode(proof).get("salt").asText());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Solved(proof, new SealedEnvelopes.Binding(params.get("t"), params.get("r"), null));
    }

    private static io.restassured.response.ValidatableResponse post(SealedEnvelopes.Sealed sealed, String proof) {
        var request = given().contentType("application/json").body(sealed.json());
        if (proof != null) {
            request.header(Proofs.HEADER, proof);
        }
        return request.post("/api/v1/tips/sealed").then();
    }

    @Test
    void theChallengeCarriesAFreshBindingInItsSignedSalt() {
        Solved one = solved();
        Solved two = solved();
        assertThat(one.binding().tipId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(one.binding().reference()).matches("TIP(-[0-9A-HJKMNP-TV-Z]{4}){4}");
        assertThat(one.binding().tipId()).isNotEqualTo(two.binding().tipId());
        assertThat(one.binding().reference()).isNotEqualTo(two.binding().reference());
    }

    @Test
    void theJavaScriptSealerTakesItsBindingFromTheChallenge() throws Exception {
        NodeTools.requirePage("@hpke/core", "@hpke/dhkem-x25519", "hash-wasm",
                "@noble/curves");
        String output = NodeTools.run(Map.of(), "seal-tip.mjs", "--base", tipline.toString().replaceAll("/$", ""),
                "--binding", "challenge");
        JsonNode result = SealedEnvelopes.JSON.readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.get("status").asInt()).as(output).isEqualTo(201);
        TipRows.TipRow row = new TipRows(dataSource).byReference(result.get("reference").asText());
        assertThat(row.id()).hasToString(result.get("tipId").asText());
        assertThat(OfficeKeyForTests.open(row).description()).startsWith("Sealed in the browser");
    }

    @Test
    void anEnvelopeForAnotherBindingIsRefusedWithoutSpendingTheProof() {
        Solved solved = solved();
        Solved other = solved();
        TipRows rows = new TipRows(dataSource);
        long before = rows.count();
        post(SealedEnvelopes.seal(frontEndKey, other.binding(), "mismatch"), solved.proof())
                .statusCode(400).body("type", equalTo("/problems/binding-invalid"));
        assertThat(rows.count()).isEqualTo(before);
        // The proof was not spent: the envelope sealed to its own binding still gets through, once.
        SealedEnvelopes.Sealed right = SealedEnvelopes.seal(frontEndKey, solved.binding(), "match");
        post(right, solved.proof()).statusCode(201).body("reference", equalTo(solved.binding().reference()));
        post(SealedEnvelopes.seal(frontEndKey, solved.binding(), "again"), solved.proof())
                .statusCode(400).body("type", equalTo("/problems/proof-replayed"));
        assertThat(rows.count()).isEqualTo(before + 1);
    }

    @Test
    void aSaltEditedToNameAnotherBindingFailsTheProof() {
        Solved solved = solved();
        Solved other = solved();
        var payload = Proofs.decode(solved.proof());
        String salt = payload.get("salt").asText();
        payload.put("salt", salt.replace(solved.binding().tipId(), other.binding().tipId())
                .replace(solved.binding().reference(), other.binding().reference()));
        post(SealedEnvelopes.seal(frontEndKey, other.binding(), "forged salt"), Proofs.encode(payload))
                .statusCode(400).body("type", equalTo("/problems/proof-invalid"));
    }

    @Test
    void withoutAProofOrAToken() {
        Solved solved = solved();
        post(SealedEnvelopes.seal(frontEndKey, solved.binding(), "no proof"), null)
                .statusCode(400).body("type", equalTo("/problems/proof-missing"));
        // A token binds the tip, but this channel still needs its proof-of-work.
        SealedEnvelopes.Binding token = SealedEnvelopes.binding();
        post(SealedEnvelopes.seal(frontEndKey, token, "token, no proof"), null)
                .statusCode(400).body("type", equalTo("/problems/proof-missing"));
        post(SealedEnvelopes.seal(frontEndKey, token, "token and proof"), solved().proof()).statusCode(201);
    }
}
