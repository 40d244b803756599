package org.tipline.office.signin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<ReviewSession, byte[]> {

    /** The session with this token hash, if it has not expired. */
    public Uni<ReviewSession> findLive(byte[] tokenHash, Instant now) {
        return find("tokenHash = ?1 and expiresAt > ?2", tokenHash, now).firstResult();
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    public Uni<Long> deleteByHash(byte[] tokenHash) {
        return delete("tokenHash", tokenHash);
    }
}
