package org.tipline.office.audit;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit_entry table. Appends and reads go through Hibernate Reactive, so that an
 * append joins the caller's transaction; verification reads through the reactive pool
 * directly, page by page, so that no persistence context grows with the log.
 */
@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /**
     * The key of the transaction-scoped advisory lock that serializes appends: the ASCII
     * bytes of "tiplineA". Nothing else in tipline may use it.
     */
    public static final long CHAIN_LOCK_KEY = 0x7469706c696e6541L;

    /** Rows read per query while verifying. */
    static final int VERIFY_PAGE_SIZE = 1_000;

    private static final String LOCK = "select 1 from pg_advisory_xact_lock(" + CHAIN_LOCK_KEY + ")";
    private static final String SNAPSHOT = "set transaction isolation level repeatable read, read only";
    private static final String NEWEST = "select seq, at, hash from audit_entry order by seq desc limit 1";
    private static final String PAGE = """
            select seq, at, actor, action, tip_reference, purpose, detail, prev_hash, hash
            from audit_entry where seq > $1 order by seq limit $2""";

    private static final String SEAL = "select seq, hash, mac from audit_seal where id = 1";
    private static final String WRITE_SEAL = """
            insert into audit_seal (id, seq, hash, mac) values (1, ?1, ?2, ?3)
            on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, mac = excluded.mac""";

    private final Pool pool;

    public AuditRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the chain lock for the rest of the current transaction: another append waits
     * here until this transaction commits or rolls back, so each append sees the head the
     * previous one wrote.
     */
    Uni<Void> lockChain() {
        return getSession()
                .chain(session -> session.createNativeQuery(LOCK, Integer.class).getSingleResult())
                .replaceWithVoid();
    }

    /** Replaces the seal with this one, in the current transaction (under the chain lock). */
    Uni<Void> writeSeal(long seq, byte[] hash, byte[] mac) {
        return getSession()
                .chain(session -> session.createNativeQuery(WRITE_SEAL)
                        .setParameter(1, seq).setParameter(2, hash).setParameter(3, mac)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Checks a seal's MAC: whether {@code mac} seals the entry with {@code seq} and {@code hash}. */
    @FunctionalInterface
    interface SealCheck {
        boolean verifies(byte[] mac, long seq, byte[] hash);
    }

    /** The entry with the highest seq, or null when the log is empty. */
    Uni<AuditEntry> newest() {
        return find("order by seq desc").firstResult();
    }

    /**
     * The entries that match {@code filter}, in seq order, from the {@code first} (counted from 0)
     * on, at most {@code count} of them.
     */
    Uni<List<AuditEntry>> matching(AuditFilter filter, int first, int count) {
        List<String> conditions = new ArrayList<>(5);
        Parameters parameters = new Parameters();
        if (filter.from() != null) {
            conditions.add("at >= :from");
            parameters = parameters.and("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("at < :to");
            parameters = parameters.and("to", filter.to());
        }
        if (filter.actor() != null) {
            conditions.add("actor = :actor");
            parameters = parameters.and("actor", filter.actor());
        }
        if (filter.action() != null) {
            conditions.add("action = :action");
            parameters = parameters.and("action", filter.action());
        }
        if (filter.tipReference() != null) {
            conditions.add("tipReference = :tipReference");
            parameters = parameters.and("tipReference", filter.tipReference());
        }
        var query = conditions.isEmpty()
                ? findAll(Sort.by("seq"))
                : find(String.join(" and ", conditions), Sort.by("seq"), parameters);
        return query.range(first, first + count - 1).list();
    }

    /**
     * Recomputes the chain inside one read-only repeatable-read transaction, so the head
     * and every page come from the same snapshot. Reads {@value #VERIFY_PAGE_SIZE} rows at
     * a time by seq (keyset paging) and keeps only the previous hash between rows.
     */
    Uni<AuditVerification> verify(AuditAnchor anchor, SealCheck sealCheck) {
        return pool.withTransaction(connection -> connection.query(SNAPSHOT).execute()
                .chain(() -> connection.query(NEWEST).execute())
                .chain(newest -> connection.query(SEAL).execute().chain(sealRows -> {
                    AuditHead head = headOf(newest);
                    ChainVerifier.StoredSeal seal = null;
                    for (Row row : sealRows) {
                        long seq = row.getLong("seq");
                        byte[] hash = row.getBuffer("hash").getBytes();
                        seal = new ChainVerifier.StoredSeal(seq, hash,
                                sealCheck.verifies(row.getBuffer("mac").getBytes(), seq, hash));
                    }
                    ChainVerifier verifier = new ChainVerifier(anchor, seal);
                    return scan(connection, verifier, Long.MIN_VALUE).map(done -> done.result(head));
                })));
    }

    /** The stored seal's MAC when it seals the entry with this seq, or null. */
    Uni<byte[]> sealOf(long seq) {
        return pool.preparedQuery("select mac from audit_seal where id = 1 and seq = $1").execute(Tuple.of(seq))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBuffer("mac").getBytes());
    }

    private Uni<ChainVerifier> scan(SqlConnection connection, ChainVerifier verifier, long afterSeq) {
        return connection.preparedQuery(PAGE).execute(Tuple.of(afterSeq, VERIFY_PAGE_SIZE)).chain(rows -> {
            long last = afterSeq;
            int count = 0;
            for (Row row : rows) {
                count++;
                last = row.getLong("seq");
                if (!verifier.accept(entryOf(row))) {
                    return Uni.createFrom().item(verifier);
                }
            }
            if (count < VERIFY_PAGE_SIZE) {
                return Uni.createFrom().item(verifier);
            }
            return scan(connection, verifier, last);
        });
    }

    private static AuditHead headOf(RowSet<Row> rows) {
        var iterator = rows.iterator();
        if (!iterator.hasNext()) {
            return AuditHead.empty();
        }
        Row row = iterator.next();
        return new AuditHead(row.getLong("seq"), AuditChain.hex(row.getBuffer("hash").getBytes()),
                row.getOffsetDateTime("at").toInstant());
    }

    private static AuditEntry entryOf(Row row) {
        return new AuditEntry(row.getLong("seq"), row.getOffsetDateTime("at").toInstant(),
                row.getString("actor"), row.getString("action"), row.getString("tip_reference"),
                row.getString("purpose"), row.getString("detail"),
                row.getBuffer("prev_hash").getBytes(), row.getBuffer("hash").getBytes());
    }
}
