package org.tipline.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.altcha.altcha.Altcha;

/**
 * Solved proof-of-work challenges for tests, as a front end makes them: fetch
 * {@code GET /api/v1/challenge}, find the number with ALTCHA's own solver, and send base64 of
 * the payload JSON in {@code X-Tipline-Proof}.
 */
public final class Proofs {

    public static final String HEADER = "X-Tipline-Proof";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Proofs() {
    }

    /** A fresh solution, fetched from the app under test (REST Assured's base URI). */
    public static String fresh() {
        return solve(given().get("/api/v1/challenge").then().statusCode(200).extract().asString());
    }

    /** A fresh solution from the app listening at {@code base} (for the packaged-app tests). */
    public static String fresh(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/challenge")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /api/v1/challenge answered " + answer.statusCode() + ": " + answer.body());
        }
        return solve(answer.body());
    }

    /** The header value that solves a challenge given as the JSON the endpoint answers with. */
    public static String solve(String challengeJson) {
        try {
            JsonNode challenge = JSON.readTree(challengeJson);
            Altcha.Solution solution = Altcha.solveChallenge(challenge.get("challenge").asText(),
                    challenge.get("salt").asText(), Altcha.Algorithm.SHA256, challenge.get("maxnumber").asLong(), 0);
            if (solution == null) {
                throw new AssertionError("no solution up to maxnumber");
            }
            return payload(challenge, solution.number);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value claiming {@code number} solves the challenge, right or wrong. */
    public static String payload(JsonNode challenge, long number) {
        ObjectNode payload = JSON.createObjectNode()
                .put("algorithm", challenge.get("algorithm").asText())
                .put("challenge", challenge.get("challenge").asText())
                .put("number", number)
                .put("salt", challenge.get("salt").asText())
                .put("signature", challenge.get("signature").asText())
                .put("took", 12); // the widget adds how long it took; the server ignores it
        return Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The payload JSON inside a header value. */
    public static ObjectNode decode(String header) {
        try {
            return (ObjectNode) JSON.readTree(Base64.getDecoder().decode(header));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String encode(JsonNode payload) {
        return Base64.getEncoder().encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
    }
}
