package org.tipline.keys;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.tipline.platform.config.TiplineConfig;

/**
 * Ready only with the office keys this role needs in memory: the public keyset for every role
 * (intake seals to it), and for a role that reads tips (review, all-in-one) the private keyset,
 * unlocked. The answer says which is missing, never anything about the keys themselves.
 */
@Readiness
@ApplicationScoped
public class OfficeKeyReadiness implements HealthCheck {

    static final String NAME = "office keys";

    private final OfficeKeyState state;
    private final boolean needsPrivateKey;

    public OfficeKeyReadiness(OfficeKeyState state, TiplineConfig config) {
        this.state = state;
        this.needsPrivateKey = new RoleKeys(config).holdsPrivateKeyset();
    }

    @Override
    public HealthCheckResponse call() {
        return of(state, needsPrivateKey);
    }

    static HealthCheckResponse of(OfficeKeyState state, boolean needsPrivateKey) {
        boolean publicKey = state.hasPublicKey();
        boolean privateKey = state.hasPrivateKey();
        return HealthCheckResponse.named(NAME)
                .status(publicKey && (privateKey || !needsPrivateKey))
                .withData("public key", publicKey ? "loaded" : "missing")
                .withData("private key", needsPrivateKey ? (privateKey ? "unlocked" : "locked") : "not held by this role")
                .build();
    }
}
