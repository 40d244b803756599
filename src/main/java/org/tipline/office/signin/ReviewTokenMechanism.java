package org.tipline.office.signin;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.tipline.crypto.SessionTokens;
import org.tipline.platform.config.TiplineConfig;

/**
 * Reads a reviewer's {@code Authorization: Bearer tlr_...} token. Other bearer tokens are
 * left to other mechanisms (the identity provider's, when configured).
 * <p>
 * It runs before the identity provider's mechanism ({@link #PRIORITY} is above Quarkus OIDC's
 * default of {@value HttpAuthenticationMechanism#DEFAULT_PRIORITY} + 1), and a {@code tlr_}
 * token it cannot accept fails authentication there and then: a tipline token is never
 * passed on to the identity provider's verifier.
 */
@ApplicationScoped
public class ReviewTokenMechanism implements HttpAuthenticationMechanism {

    /** Above every other mechanism, the identity provider's included. */
    public static final int PRIORITY = DEFAULT_PRIORITY + 1000;

    private static final String BEARER = "Bearer ";

    private final boolean servesOffice;

    public ReviewTokenMechanism(TiplineConfig config) {
        this.servesOffice = config.role().servesReview();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviders) {
        if (!servesOffice) {
            // An intake process holds no office sessions: a token is never looked up there.
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().nullItem();
        }
        String token = header.substring(BEARER.length()).trim();
        if (!token.startsWith(SessionTokens.PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        return identityProviders.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new TokenRequest(token), context));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }

    /** A reviewer token presented for authentication. */
    public static final class TokenRequest extends BaseAuthenticationRequest {
        private final String token;

        TokenRequest(String token) {
            this.token = token;
        }

        String token() {
            return token;
        }
    }
}
