package org.tipline.tipster.proof;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A proof-of-work challenge exactly as ALTCHA's widget (npm {@code altcha}) reads it from its
 * {@code challengeurl}: find the number n, 0 ≤ n ≤ maxnumber, whose SHA-256 of
 * {@code salt + n} (n in decimal) is {@code challenge} in hex.
 */
@Schema(name = "Challenge", description = "An ALTCHA challenge (SHA-256). Solve it and send the solution with the "
        + "request in X-Tipline-Proof.",
        example = "{\"algorithm\":\"SHA-256\",\"challenge\":\"4e2b0c6bd1e5d6a7e0f1c2b3a4958677e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3\","
                + "\"maxnumber\":100000,\"salt\":\"5f1d2c3b4a5968778695a4b3?d=100000&expires=1798760000&g=20811\","
                + "\"signature\":\"9a8b7c6d5e4f30211f2e3d4c5b6a79880f1e2d3c4b5a69788796a5b4c3d2e1f0\"}")
public record ChallengeView(
        @Schema(description = "Always SHA-256", example = "SHA-256") String algorithm,
        @Schema(description = "SHA-256 of salt + number, in lower-case hex") String challenge,
        @Schema(description = "The largest number to try: the difficulty", example = "100000") long maxnumber,
        @Schema(description = "Random hex, then the signed parameters: d (difficulty), expires (Unix seconds), "
                + "g (key generation)") String salt,
        @Schema(description = "HMAC-SHA-256 of the challenge under the service's key, in hex") String signature) {
}
