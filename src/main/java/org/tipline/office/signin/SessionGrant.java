package org.tipline.office.signin;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A bearer token for the review API. */
@Schema(name = "SessionGrant")
public record SessionGrant(
        @Schema(description = "Send as 'Authorization: Bearer <token>'") String token,
        String tokenType,
        @Schema(description = "When this token stops working unless refreshed") Instant expiresAt,
        @Schema(description = "No refresh extends the session past this") Instant absoluteExpiresAt,
        List<String> roles) {

    @Override
    public String toString() {
        return "SessionGrant[expiresAt=" + expiresAt + "]"; // never the token
    }
}
