package org.tipline.office.signin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The ways the console may sign office staff in, read before sign-in. */
@Schema(name = "SignInOptions", description = "How office staff may sign in")
public record SignInOptions(
        @Schema(required = true, description = "Username, password and one-time code (POST /api/v1/review/session): "
                + "always offered") boolean password,
        @Schema(description = "Sign-in at the office's identity provider; null when the office has not set it up "
                + "for the console") ProviderSignIn provider) {
}
