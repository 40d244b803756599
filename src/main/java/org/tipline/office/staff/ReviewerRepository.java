package org.tipline.office.staff;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class ReviewerRepository implements PanacheRepositoryBase<Reviewer, UUID> {

    /**
     * The account with this username, or null. A name that no account can have (see
     * {@link ReviewerEnrolment#USERNAME}) is not looked up: typed input may hold characters
     * that PostgreSQL text refuses, such as NUL, which would fail the query.
     */
    public Uni<Reviewer> findByUsername(String username) {
        if (username == null || !ReviewerEnrolment.USERNAME.matcher(username).matches()) {
            return Uni.createFrom().nullItem();
        }
        return find("username", username).firstResult();
    }

    /** Records an accepted TOTP step; false when a concurrent login already used this or a later step. */
    public Uni<Boolean> acceptTotpStep(UUID reviewerId, long step) {
        return update("totpLastStep = ?1 where id = ?2 and totpLastStep < ?1", step, reviewerId)
                .map(updated -> updated == 1);
    }
}
