package org.tipline.testing;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Channels made through the admin API for tests, and tips posted through them. */
public final class Channels {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Channels() {
    }

    /** A fresh channel name. */
    public static String name(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
    }

    /**
     * Creates a channel with these origins that skips proof-of-work (a trusted partner), so
     * that tests of other things post without solving; returns its key.
     */
    public static String create(String adminToken, String name, List<String> origins) {
        return create(adminToken, name, origins, false);
    }

    /** Creates a channel; {@code proofOfWork}: whether its tips must carry a solved challenge. Returns its key. */
    public static String create(String adminToken, String name, List<String> origins, boolean proofOfWork) {
        return given().auth().oauth2(adminToken).contentType("application/json")
                .body(Map.of("name", name, "origins", origins, "proofOfWork", proofOfWork))
                .post("/api/v1/review/channels").then().statusCode(201).extract().path("key");
    }

    public static Response postTip(String key, String description) {
        return postTipFrom(null, key, description);
    }

    /** A tip with a freshly solved proof-of-work, for a channel that must solve one. */
    public static Response postTipWithProof(String key, String description) {
        return given().contentType("application/json").header("X-Tipline-Channel-Key", key)
                .header(Proofs.HEADER, Proofs.fresh())
                .body(Map.of("category", "drugs", "description", description)).post("/api/v1/tips");
    }

    /** A tip posted as a browser on {@code origin} (null: none) would send it. */
    public static Response postTipFrom(String origin, String key, String description) {
        var request = given().contentType("application/json");
        if (origin != null) {
            request = request.header("Origin", origin);
        }
        if (key != null) {
            request = request.header("X-Tipline-Channel-Key", key);
        }
        return request.body(Map.of("category", "drugs", "description", description)).post("/api/v1/tips");
    }
}
