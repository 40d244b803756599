package org.tipline.office.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An office login. */
@Schema(name = "LoginRequest")
public record LoginRequest(
        @NotNull @Size(min = 1, max = 64) String username,
        @NotNull @Size(min = 1, max = 256) String password,
        @Schema(description = "The current 6-digit code of the account's authenticator app")
        @NotNull @Size(min = 1, max = 16) String totp) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]"; // never the password or code
    }
}
