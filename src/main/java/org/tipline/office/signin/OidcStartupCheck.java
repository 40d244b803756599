package org.tipline.office.signin;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tipline.platform.config.TiplineConfig;

/**
 * When the office's identity provider is switched on, refuses to start unless its tokens are
 * checked for what tipline trusts them for: the provider's signature (Quarkus OIDC always
 * checks it), a fixed issuer and tipline's own audience. Also refuses a role map that names
 * no tipline role, and an OIDC mechanism that would run before tipline's own tokens are read.
 */
@ApplicationScoped
public class OidcStartupCheck {

    static final String ANY = "any";

    private final boolean enabled;
    private final Optional<String> authServerUrl;
    private final Optional<String> issuer;
    private final Optional<List<String>> audience;
    private final int oidcPriority;
    private final OidcRoleMap roleMap;

    @Inject
    public OidcStartupCheck(@ConfigProperty(name = "quarkus.oidc.tenant-enabled") boolean enabled,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> authServerUrl,
            @ConfigProperty(name = "quarkus.oidc.token.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.oidc.token.audience") Optional<List<String>> audience,
            @ConfigProperty(name = "quarkus.oidc.priority") int oidcPriority,
            TiplineConfig config) {
        this(enabled, authServerUrl, issuer, audience, oidcPriority, OidcRoleMap.of(config.oidc()));
    }

    OidcStartupCheck(boolean enabled, Optional<String> authServerUrl, Optional<String> issuer,
            Optional<List<String>> audience, int oidcPriority, OidcRoleMap roleMap) {
        this.enabled = enabled;
        this.authServerUrl = authServerUrl;
        this.issuer = issuer;
        this.audience = audience;
        this.oidcPriority = oidcPriority;
        this.roleMap = roleMap;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        String problem = problem();
        if (problem != null) {
            throw new IllegalStateException("tipline cannot start: " + problem);
        }
        if (roleMap.roles().isEmpty()) {
            Log.warn("no tipline.oidc.role-map or role-mappings: callers signed in through the identity provider "
                    + "get no role");
        }
        Log.infof("office sign-in through the identity provider is on (%d role mapping(s))", roleMap.roles().size());
    }

    /** What is wrong with the identity-provider settings, in one line, or null. */
    String problem() {
        if (audience.isEmpty() || audience.get().isEmpty() || audience.get().contains(ANY)) {
            return "set quarkus.oidc.token.audience (QUARKUS_OIDC_TOKEN_AUDIENCE) to the audience the identity "
                    + "provider puts in tokens for tipline; 'any' is not accepted";
        }
        if (issuer.map(ANY::equals).orElse(false)) {
            return "quarkus.oidc.token.issuer must name the identity provider's issuer; 'any' is not accepted";
        }
        if (authServerUrl.isEmpty() && issuer.isEmpty()) {
            return "without quarkus.oidc.auth-server-url, set quarkus.oidc.token.issuer to the expected issuer";
        }
        if (oidcPriority >= ReviewTokenMechanism.PRIORITY) {
            return "quarkus.oidc.priority must stay below " + ReviewTokenMechanism.PRIORITY
                    + ", so that tipline tokens are never handed to the identity provider's verifier";
        }
        if (!roleMap.problems().isEmpty()) {
            return "tipline.oidc.role-map / role-mappings: " + String.join("; ", roleMap.problems());
        }
        return null;
    }
}
