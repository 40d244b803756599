package org.tipline.office.signin;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.tipline.office.staff.Caller;
import org.tipline.platform.config.TiplineConfig;

/**
 * Makes an identity signed in by the office's identity provider look like any other office
 * caller: a {@link Caller} attribute, and only the tipline roles the role map gives (the
 * provider's own roles and scopes are dropped). Identities from tipline sessions pass
 * through untouched. A provider identity that carries no token claims, or no usable
 * username, fails authentication (401). Nothing from the token is logged.
 */
@ApplicationScoped
public class OidcCallerAugmentor implements SecurityIdentityAugmentor {

    private final OidcCallerMapping mapping;

    public OidcCallerAugmentor(TiplineConfig config) {
        this.mapping = new OidcCallerMapping(config.oidc());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || identity.getAttribute(Caller.ATTRIBUTE) != null
                || identity.getCredential(TokenCredential.class) == null) {
            return Uni.createFrom().item(identity);
        }
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        Caller caller = mapping.callerOf(token, identity.getRoles());
        if (caller == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(caller.roleNames())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build());
    }
}
