package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the identity provider on, tipline starts only if issuer, audience, priority and role map are sound. */
class OidcStartupCheckTests {

    private static final Optional<String> URL = Optional.of("https://idp.example/realms/office");
    private static final Optional<List<String>> AUDIENCE = Optional.of(List.of("tipline"));
    private static final OidcRoleMap ROLES = OidcRoleMap.of(Map.of("cs-coord", "coordinator"), Optional.empty());
    private static final int OIDC_DEFAULT_PRIORITY = 1001;

    private static String problem(Optional<String> url, Optional<String> issuer, Optional<List<String>> audience,
            int priority, OidcRoleMap roles) {
        return new OidcStartupCheck(true, url, issuer, audience, priority, roles).problem();
    }

    @Test
    void aDiscoveredProviderWithAnAudienceIsAccepted() {
        assertThat(problem(URL, Optional.empty(), AUDIENCE, OIDC_DEFAULT_PRIORITY, ROLES)).isNull();
        assertThat(problem(Optional.empty(), Optional.of("https://idp.example/"), AUDIENCE, OIDC_DEFAULT_PRIORITY, ROLES))
                .isNull();
    }

    @Test
    void theAudienceMustBeNamed() {
        assertThat(problem(URL, Optional.empty(), Optional.empty(), OIDC_DEFAULT_PRIORITY, ROLES))
                .contains("quarkus.oidc.token.audience");
        assertThat(problem(URL, Optional.empty(), Optional.of(List.of("any")), OIDC_DEFAULT_PRIORITY, ROLES))
                .contains("quarkus.oidc.token.audience");
    }

    @Test
    void theIssuerMustBeKnown() {
        assertThat(problem(URL, Optional.of("any"), AUDIENCE, OIDC_DEFAULT_PRIORITY, ROLES))
                .contains("quarkus.oidc.token.issuer");
        assertThat(problem(Optional.empty(), Optional.empty(), AUDIENCE, OIDC_DEFAULT_PRIORITY, ROLES))
                .contains("quarkus.oidc.token.issuer");
    }

    @Test
    void tiplineTokensAreReadBeforeTheProviderMechanismRuns() {
        assertThat(ReviewTokenMechanism.PRIORITY).isGreaterThan(OIDC_DEFAULT_PRIORITY);
        assertThat(problem(URL, Optional.empty(), AUDIENCE, ReviewTokenMechanism.PRIORITY, ROLES))
                .contains("quarkus.oidc.priority");
    }

    @Test
    void theRoleMapMustNameTiplineRoles() {
        OidcRoleMap wrong = OidcRoleMap.of(Map.of("cs-boss", "boss"), Optional.empty());
        assertThat(problem(URL, Optional.empty(), AUDIENCE, OIDC_DEFAULT_PRIORITY, wrong)).contains("cs-boss");
    }

    @Test
    void offMeansNoCheck() {
        new OidcStartupCheck(false, Optional.empty(), Optional.empty(), Optional.empty(), 5000,
                OidcRoleMap.of(Map.of("x", "y"), Optional.empty())).onStart(null);
        assertThatThrownBy(() -> new OidcStartupCheck(true, URL, Optional.empty(), Optional.empty(),
                OIDC_DEFAULT_PRIORITY, ROLES).onStart(null)).hasMessageStartingWith("tipline cannot start:");
    }
}
