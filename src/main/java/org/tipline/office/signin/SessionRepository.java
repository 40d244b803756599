package org.tipline.office.signin;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class SessionRepository implements PanacheRepositoryBase<ReviewSession, byte[]> {

    /**
     * The session with this token digest, if it has not expired and its expiries lie within
     * {@code latestExpiry} and {@code latestAbsoluteExpiry} (the configured lives from now).
     */
    public Uni<ReviewSession> findLive(byte[] tokenDigest, Instant now, Instant latestExpiry, Instant latestAbsoluteExpiry) {
        return find("tokenHash = ?1 and expiresAt > ?2 and expiresAt <= ?3 and absoluteExpiresAt <= ?4",
                tokenDigest, now, latestExpiry, latestAbsoluteExpiry).firstResult();
    }

    public Uni<Long> deleteExpired(Instant now) {
        return delete("expiresAt <= ?1", now);
    }

    public Uni<Long> deleteByHash(byte[] tokenHash) {
        return delete("tokenHash", tokenHash);
    }
}
