package org.tipline.office.signin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the console needs to sign staff in at the office's identity provider: authorization
 * code flow with PKCE, as a public client.
 */
@Schema(name = "ProviderSignIn", description = "Sign-in at the office's identity provider (OpenID Connect, authorization "
        + "code flow with PKCE, public client)")
public record ProviderSignIn(
        @Schema(required = true, description = "The provider's issuer: its discovery document is at "
                + "<issuer>/.well-known/openid-configuration", examples = "https://sso.example.org/realms/office")
        String issuer,
        @Schema(required = true, description = "The console's client id at the provider", examples = "tipline-console")
        String clientId,
        @Schema(required = true, description = "The scopes to ask for, separated by spaces", examples = "openid")
        String scope,
        @Schema(required = true, description = "The provider's name, for the button", examples = "sso.example.org")
        String name) {
}
