package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's provider sign-in: offered only when set up soundly, with the issuer's bare origin for the policy. */
class ConsoleProviderSettingsTests {

    private static ConsoleProviderSettings settings(boolean enabled, String authServerUrl, String clientId, String issuer,
            String scope, String name) {
        return new ConsoleProviderSettings(enabled, Optional.ofNullable(authServerUrl), Optional.ofNullable(clientId),
                Optional.ofNullable(issuer), scope, Optional.ofNullable(name));
    }

    @Test
    void withoutAClientIdNothingIsOfferedAndNothingIsWrong() {
        ConsoleProviderSettings none = settings(true, "https://sso.example.org/realms/office", null, null, "openid", null);
        assertThat(none.problem()).isNull();
        assertThat(none.options()).isEqualTo(new SignInOptions(true, null));
        assertThat(none.providerOrigin()).isNull();
        assertThat(settings(false, null, " ", null, "openid", null).problem()).isNull();
    }

    @Test
    void theIssuerDefaultsToTheAuthServerUrlAndTheNameToItsHost() {
        ConsoleProviderSettings keycloak = settings(true, "https://SSO.example.org/realms/office", "tipline-console", null,
                " openid   profile ", null);
        assertThat(keycloak.problem()).isNull();
        assertThat(keycloak.options().provider()).isEqualTo(new ProviderSignIn("https://SSO.example.org/realms/office",
                "tipline-console", "openid profile", "sso.example.org"));
        assertThat(keycloak.providerOrigin()).isEqualTo("https://sso.example.org");
        ConsoleProviderSettings entra = settings(true, "https://sso.example.org/realms/office", "4f1c-app",
                "https://login.microsoftonline.com:443/tenant/v2.0", "openid api://tipline/access", "Microsoft");
        assertThat(entra.options().provider().issuer()).isEqualTo("https://login.microsoftonline.com:443/tenant/v2.0");
        assertThat(entra.options().provider().name()).isEqualTo("Microsoft");
        assertThat(entra.providerOrigin()).isEqualTo("https://login.microsoftonline.com:443");
        assertThat(settings(true, null, "c", "http://127.0.0.1:8180/realms/office", "openid", null).providerOrigin())
                .isEqualTo("http://127.0.0.1:8180");
    }

    @Test
    void unsoundSettingsStopTiplineRatherThanOfferABrokenButton() {
        assertThat(settings(false, "https://sso.example.org/r", "c", null, "openid", null).problem())
                .contains("quarkus.oidc.tenant-enabled=true");
        assertThat(settings(true, null, "c", null, "openid", null).problem()).contains("set tipline.console.oidc.issuer");
        for (String issuer : new String[] {"http://sso.example.org/r", "https://sso.example.org/r?x=1",
                "https://sso.example.org/r#f", "https://user@sso.example.org/r", "sso.example.org/r", "https:///r",
                "javascript:alert(1)", "https://sso.example.org; script-src *"}) {
            ConsoleProviderSettings refused = settings(true, null, "c", issuer, "openid", null);
            assertThat(refused.problem()).as(issuer).contains("must be an https URL");
            assertThat(refused.providerOrigin()).as(issuer).isNull();
            assertThat(refused.options().provider()).as(issuer).isNull();
        }
        assertThat(settings(true, null, "c", "https://sso.example.org/r", "profile email", null).problem())
                .contains("openid among them");
        assertThat(settings(true, null, "c", "https://sso.example.org/r", "openid \"x\"", null).problem())
                .contains("openid among them");
        assertThat(settings(true, null, "with space", "https://sso.example.org/r", "openid", null).problem())
                .contains("client-id");
        assertThat(settings(true, null, "c", "https://sso.example.org/r", "openid", "x".repeat(61)).problem())
                .contains("tipline.console.oidc.name");
    }
}
