package org.tipline.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * tipline with office sign-in through the identity provider switched on, as in
 * {@link IdentityProviderProfile}, and the console's "Sign in with ..." button pointing at a
 * {@link FakeIdentityProvider} that this profile starts (which supplies the issuer and the
 * console's client id).
 */
public class ConsoleProviderProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("quarkus.oidc.tenant-enabled", "true"),
                Map.entry("quarkus.oidc.public-key", TestIdentityProvider.publicKeyBase64()),
                Map.entry("quarkus.oidc.token.audience", TestIdentityProvider.AUDIENCE),
                Map.entry("quarkus.oidc.roles.role-claim-path", "realm_access/roles"),
                Map.entry("tipline.oidc.role-mappings",
                        "crimestoppers-coordinator=coordinator,crimestoppers-reviewer=reviewer"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(FakeIdentityProvider.class));
    }
}
