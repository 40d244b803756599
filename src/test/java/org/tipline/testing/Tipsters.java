package org.tipline.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Tipsters for tests: submit a tip, keep its reference and passphrase, and sign in with them. */
public final class Tipsters {

    private Tipsters() {
    }

    /** What the tipster writes down. */
    public record Tipster(String reference, String passphrase) {

        /** The {@code Authorization} header value of the Tipster scheme. */
        public String authorization() {
            return header(reference, passphrase);
        }

        public Response mailbox() {
            return given().header("Authorization", authorization()).get("/api/v1/followup");
        }

        public Response reply(String text) {
            return given().header("Authorization", authorization()).contentType("application/json")
                    .body(Map.of("text", text)).post("/api/v1/followup/messages");
        }
    }

    public static Tipster submit(String description) {
        Response response = given().contentType("application/json")
                .body(Map.of("category", "drugs", "description", description, "location", "Pier 4"))
                .post("/api/v1/tips");
        response.then().statusCode(201);
        return new Tipster(response.path("reference"), response.path("passphrase"));
    }

    public static String header(String reference, String passphrase) {
        return "Tipster " + Base64.getEncoder().encodeToString((reference + ":" + passphrase).getBytes(StandardCharsets.UTF_8));
    }
}
