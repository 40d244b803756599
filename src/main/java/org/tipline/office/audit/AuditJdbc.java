package org.tipline.office.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Appends to the audit chain over plain JDBC, for the command-line tools that run without
 * the service. The same lock, the same hash and the same row as {@link AuditService#append};
 * the caller's transaction commits it together with the change it records.
 */
public final class AuditJdbc {

    private AuditJdbc() {
    }

    /** Appends {@code event} in the connection's current transaction (autocommit must be off). */
    public static void append(Connection connection, AuditEvent event) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("the audit entry must share the transaction of the change it records");
        }
        try (Statement lock = connection.createStatement()) {
            lock.execute("select 1 from pg_advisory_xact_lock(" + AuditRepository.CHAIN_LOCK_KEY + ")");
        }
        long seq = 1;
        byte[] prevHash = AuditChain.genesis();
        try (Statement newest = connection.createStatement();
                ResultSet head = newest.executeQuery("select seq, hash from audit_entry order by seq desc limit 1")) {
            if (head.next()) {
                seq = head.getLong(1) + 1;
                prevHash = head.getBytes(2);
            }
        }
        Instant at = AuditChain.toMicros(Instant.now());
        String detail = AuditChain.canonicalDetail(event.detail());
        String action = event.action().label();
        byte[] hash = AuditChain.hash(prevHash, seq, at, event.actor(), action, event.tipReference(),
                event.purpose(), detail);
        try (PreparedStatement insert = connection.prepareStatement("insert into audit_entry (seq, at, actor, action, "
                + "tip_reference, purpose, detail, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setTimestamp(2, Timestamp.from(at));
            insert.setString(3, event.actor());
            insert.setString(4, action);
            insert.setString(5, event.tipReference());
            insert.setString(6, event.purpose());
            insert.setString(7, detail);
            insert.setBytes(8, prevHash);
            insert.setBytes(9, hash);
            insert.executeUpdate();
        }
    }
}
