package org.tipline.office.signin;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reviewer's bearer session. Only the SHA-256 of the token is stored. */
@Entity
@Table(name = "review_session")
public class ReviewSession {

    @Id
    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "reviewer_id")
    public UUID reviewerId;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "absolute_expires_at")
    public Instant absoluteExpiresAt;
}
