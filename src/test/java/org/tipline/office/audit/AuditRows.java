package org.tipline.office.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads and tampers with what is really in audit_entry, over JDBC. The table refuses
 * updates and deletes through triggers; tampering turns them off for its own transaction
 * only ({@code set local session_replication_role = replica}, which needs a superuser, as
 * the test database's {@code postgres} is).
 */
final class AuditRows {

    private static final String COLUMNS = "seq, at, actor, action, tip_reference, purpose, detail, prev_hash, hash";

    private final AgroalDataSource dataSource;

    AuditRows(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs reactive work on a Vert.x context, as Hibernate Reactive needs, and waits for it. */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    Row get(long seq) {
        List<Row> rows = range(seq, seq);
        return rows.isEmpty() ? null : rows.get(0);
    }

    List<Row> range(long fromSeq, long toSeq) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select " + COLUMNS + " from audit_entry where seq between ? and ? order by seq")) {
            s.setLong(1, fromSeq);
            s.setLong(2, toSeq);
            List<Row> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getLong(1), r.getObject(2, OffsetDateTime.class), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getBytes(8),
                            r.getBytes(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seal row as stored: seq, hash and MAC. */
    Object[] seal() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select seq, hash, mac from audit_seal where id = 1")) {
            return r.next() ? new Object[] {r.getLong(1), r.getBytes(2), r.getBytes(3)} : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts a seal saved with {@link #seal()} back. */
    void restoreSeal(Object[] seal) {
        tamper("update audit_seal set seq = ?, hash = ?, mac = ? where id = 1", seal);
    }

    long count() {
        return queryLong("select count(*) from audit_entry");
    }

    long maxSeq() {
        return queryLong("select coalesce(max(seq), 0) from audit_entry");
    }

    /** Runs one statement with the append-only triggers off, as someone with database access could. */
    int tamper(String sql, Object... parameters) {
        return inTamperingTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    /** Puts the saved rows back exactly, after removing whatever now holds their seqs or {@code alsoDelete}. */
    void restore(Collection<Row> saved, long... alsoDelete) {
        inTamperingTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("delete from audit_entry where seq = ?");
                    PreparedStatement insert = c.prepareStatement(
                            "insert into audit_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Row row : saved) {
                    delete.setLong(1, row.seq());
                    delete.executeUpdate();
                }
                for (long seq : alsoDelete) {
                    delete.setLong(1, seq);
                    delete.executeUpdate();
                }
                for (Row row : saved) {
                    insert.setLong(1, row.seq());
                    insert.setObject(2, row.at());
                    insert.setString(3, row.actor());
                    insert.setString(4, row.action());
                    insert.setString(5, row.tipReference());
                    insert.setString(6, row.purpose());
                    insert.setString(7, row.detail());
                    insert.setBytes(8, row.prevHash());
                    insert.setBytes(9, row.hash());
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Writes a row as given, bypassing tipline (for bulk fixtures). */
    void insertBulk(List<Row> rows) {
        inTamperingTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("insert into audit_entry (" + COLUMNS + ") "
                    + "select seq, at::timestamptz, actor, action, ref, purpose, detail, "
                    + "decode(prev, 'hex'), decode(hash, 'hex') "
                    + "from unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                    + "?::text[], ?::text[]) as u(seq, at, actor, action, ref, purpose, detail, prev, hash)")) {
                s.setArray(1, c.createArrayOf("bigint", rows.stream().map(Row::seq).toArray(Long[]::new)));
                s.setArray(2, c.createArrayOf("text", rows.stream().map(r -> r.at().toString()).toArray()));
                s.setArray(3, c.createArrayOf("text", rows.stream().map(Row::actor).toArray()));
                s.setArray(4, c.createArrayOf("text", rows.stream().map(Row::action).toArray()));
                s.setArray(5, c.createArrayOf("text", rows.stream().map(Row::tipReference).toArray()));
                s.setArray(6, c.createArrayOf("text", rows.stream().map(Row::purpose).toArray()));
                s.setArray(7, c.createArrayOf("text", rows.stream().map(Row::detail).toArray()));
                s.setArray(8, c.createArrayOf("text", rows.stream().map(r -> AuditChain.hex(r.prevHash())).toArray()));
                s.setArray(9, c.createArrayOf("text", rows.stream().map(r -> AuditChain.hex(r.hash())).toArray()));
                return s.executeUpdate();
            }
        });
    }

    /** Runs a statement as the application could, with the triggers on; returns the error, or null. */
    SQLException tryPlain(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private <T> T inTamperingTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("set local session_replication_role = replica");
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long queryLong(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    record Row(long seq, OffsetDateTime at, String actor, String action, String tipReference, String purpose,
            String detail, byte[] prevHash, byte[] hash) {

        /** The hash this row's fields should have, computed independently of the stored one. */
        byte[] recomputedHash() {
            return AuditChain.hash(prevHash, seq, at.toInstant(), actor, action, tipReference, purpose, detail);
        }
    }
}
