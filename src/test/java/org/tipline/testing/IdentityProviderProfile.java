package org.tipline.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * tipline with office sign-in through an identity provider switched on, verifying tokens
 * with {@link TestIdentityProvider}'s public key (no discovery, no network), Keycloak realm
 * roles and Entra ID app roles both read, and a role map to tipline roles.
 */
public class IdentityProviderProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.oidc.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.public-key", TestIdentityProvider.publicKeyBase64()),
                Map.entry("quarkus.oidc.token.issuer", TestIdentityProvider.ISSUER),
                Map.entry("quarkus.oidc.token.audience", TestIdentityProvider.AUDIENCE),
                Map.entry("quarkus.oidc.roles.role-claim-path", "realm_access/roles,roles"),
                Map.entry("tipline.oidc.role-map.crimestoppers-coordinator", "coordinator"),
                Map.entry("tipline.oidc.role-map.\"Tipline.Admin\"", "admin"),
                Map.entry("tipline.oidc.role-mappings", "crimestoppers-reviewer=reviewer"));
    }
}
