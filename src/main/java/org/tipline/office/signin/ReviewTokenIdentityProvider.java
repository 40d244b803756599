package org.tipline.office.signin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import org.tipline.crypto.SessionTokens;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerRepository;

/** Turns a reviewer token into an identity: a live session of an enabled account, or 401. */
@ApplicationScoped
public class ReviewTokenIdentityProvider implements IdentityProvider<ReviewTokenMechanism.TokenRequest> {

    private final SessionTokenStore sessions;
    private final ReviewerRepository reviewers;

    public ReviewTokenIdentityProvider(SessionTokenStore sessions, ReviewerRepository reviewers) {
        this.sessions = sessions;
        this.reviewers = reviewers;
    }

    @Override
    public Class<ReviewTokenMechanism.TokenRequest> getRequestType() {
        return ReviewTokenMechanism.TokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ReviewTokenMechanism.TokenRequest request,
            AuthenticationRequestContext context) {
        if (!SessionTokens.wellFormed(request.token())) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        Instant now = Instant.now();
        return Panache.withSession(() -> sessions.findLive(request.token(), now)
                .chain(session -> session == null ? Uni.createFrom().nullItem() : reviewers.findById(session.reviewerId)))
                .map(reviewer -> {
                    if (reviewer == null || reviewer.disabled) {
                        throw new AuthenticationFailedException();
                    }
                    return identityOf(reviewer);
                });
    }

    static SecurityIdentity identityOf(Reviewer reviewer) {
        Caller caller = new Caller(reviewer.id, reviewer.username, Set.of(reviewer.roles), Set.of(reviewer.programs),
                reviewer.unit);
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(reviewer.username))
                .addRoles(caller.roleNames())
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
