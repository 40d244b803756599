package org.tipline.office.channel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A front end that posts tips, as the office manages it. The key is stored only as its SHA-256. */
@Entity
@Table(name = "channel")
public class Channel {

    @Id
    public UUID id;

    public String name;

    public String program;

    @Column(name = "key_hash")
    public byte[] keyHash;

    /** Normalised exact origins, sorted ({@link ChannelRules#origins}). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] origins;

    /** Null: no quota. */
    @Column(name = "tips_per_hour")
    public Integer tipsPerHour;

    @Column(name = "proof_of_work")
    public boolean proofOfWork;

    /** Truncated to the hour. */
    @Column(name = "created_at")
    public Instant createdAt;

    /** Truncated to the hour; null while the channel is active. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean active() {
        return revokedAt == null;
    }

    /**
     * What the audit log records of a channel when it is made or changed: its settings, one
     * entry per origin, never its key or the key's hash.
     */
    public Map<String, String> auditDetail() {
        Map<String, String> detail = new LinkedHashMap<>();
        detail.put("channel", name);
        detail.put("program", program);
        detail.put("tipsPerHour", tipsPerHour == null ? "none" : tipsPerHour.toString());
        detail.put("proofOfWork", Boolean.toString(proofOfWork));
        for (int i = 0; i < origins.length; i++) {
            detail.put("origin." + (i + 1), origins[i]);
        }
        if (revokedAt != null) {
            detail.put("revoked", "true");
        }
        return detail;
    }
}
