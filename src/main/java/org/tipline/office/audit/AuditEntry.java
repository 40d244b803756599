package org.tipline.office.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import org.hibernate.annotations.Immutable;

/**
 * One row of the audit log, a link in the hash chain. Rows are only ever inserted, by
 * {@link AuditService#append}; Hibernate never updates them and the table refuses updates.
 */
@Entity
@Table(name = "audit_entry")
@Immutable
public class AuditEntry {

    @Id
    @Column(name = "seq")
    private long seq;

    @Column(name = "at", nullable = false)
    private Instant at;

    @Column(name = "actor", nullable = false)
    private String actor;

    /**
     * The label of the {@link AuditAction} as stored. Text, not the enum: the chain hashes what
     * is stored, and a row whose action was altered to text no constant has must still load, to
     * be listed as it is and to fail verification at its own seq.
     */
    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "tip_reference")
    private String tipReference;

    @Column(name = "purpose")
    private String purpose;

    /** Canonical JSON, hashed as stored. */
    @Column(name = "detail")
    private String detail;

    @Column(name = "prev_hash", nullable = false)
    private byte[] prevHash;

    @Column(name = "hash", nullable = false)
    private byte[] hash;

    protected AuditEntry() {
        // for Hibernate
    }

    AuditEntry(long seq, Instant at, String actor, String action, String tipReference, String purpose,
            String detail, byte[] prevHash, byte[] hash) {
        this.seq = seq;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.tipReference = tipReference;
        this.purpose = purpose;
        this.detail = detail;
        this.prevHash = prevHash.clone();
        this.hash = hash.clone();
    }

    /** The entry that follows {@code prevHash} as number {@code seq}, with its hash computed. */
    static AuditEntry next(long seq, byte[] prevHash, Instant at, AuditEvent event) {
        Instant micros = AuditChain.toMicros(at);
        String detail = AuditChain.canonicalDetail(event.detail());
        // The label is what the chain has always hashed, so entries written before the enum still verify.
        String action = event.action().label();
        byte[] hash = AuditChain.hash(prevHash, seq, micros, event.actor(), action, event.tipReference(),
                event.purpose(), detail);
        return new AuditEntry(seq, micros, event.actor(), action, event.tipReference(), event.purpose(),
                detail, prevHash, hash);
    }

    /** The hash these fields should have; differs from {@link #hash()} when the row was altered. */
    byte[] computeHash() {
        return AuditChain.hash(prevHash, seq, at, actor, action, tipReference, purpose, detail);
    }

    public long seq() {
        return seq;
    }

    public Instant at() {
        return at;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String tipReference() {
        return tipReference;
    }

    public String purpose() {
        return purpose;
    }

    /** The detail as stored: canonical JSON text of an object of strings, or null. */
    public String detail() {
        return detail;
    }

    public byte[] prevHash() {
        return prevHash.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    public String hashHex() {
        return AuditChain.hex(hash);
    }

    public String prevHashHex() {
        return AuditChain.hex(prevHash);
    }

    @Override
    public String toString() {
        // No purpose or detail: a log line about an entry needs only its place in the chain.
        return "AuditEntry[seq=" + seq + ", action=" + action + ", hash=" + hashHex() + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditEntry that && seq == that.seq && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }
}
