package org.tipline.office.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.tipline.platform.refusal.InvalidField;

/**
 * The audit log: who decrypted or changed what, when and why, as a hash chain that
 * {@link #verify} recomputes. See {@link AuditChain} for the hash and its encoding.
 *
 * <p>Code that decrypts a tip, or changes one, appends inside its own transaction: for a
 * change, in the same transaction as the change; for a read, before the plaintext leaves
 * tipline, releasing it only once that transaction has committed:
 *
 * <pre>{@code
 * Panache.withTransaction(() -> tips.update(reference, change)
 *         .call(() -> audit.append(new AuditEvent(user, AuditAction.TIP_UPDATE, reference, purpose,
 *                 Map.of("field", "status")))))
 *
 * Panache.withTransaction(() -> tips.findSealed(reference)
 *                 .call(() -> audit.append(new AuditEvent(user, AuditAction.TIP_READ, reference, purpose, null))))
 *         .map(opener::open)   // decrypted after the commit: no entry, no plaintext
 * }</pre>
 *
 * The append takes a transaction-scoped lock that every other append waits for until the
 * caller's transaction ends, so append last in a transaction and keep that transaction short.
 */
@ApplicationScoped
public class AuditService {

    /** The largest page {@link #list} returns. */
    public static final int MAX_PAGE_SIZE = 200;

    private final AuditRepository entries;
    private final Clock clock = Clock.systemUTC();
    private final AuditSealer sealer;

    public AuditService(AuditRepository entries, AuditSealer sealer) {
        this.entries = entries;
        this.sealer = sealer;
    }

    /**
     * Writes the next entry of the chain. Runs in {@code Panache.withTransaction}: inside a
     * caller's transaction it joins it (and commits or rolls back with it), otherwise it
     * commits its own. The entry is flushed before the returned Uni completes, so a failure
     * to write it fails the caller's work. Must run on a Vert.x context, as all Hibernate
     * Reactive work does.
     */
    public Uni<AuditEntry> append(AuditEvent event) {
        if (event == null) {
            throw new IllegalArgumentException("an audit event is required");
        }
        return Panache.withTransaction(() -> entries.lockChain()
                .chain(entries::newest)
                .chain(head -> {
                    long seq = head == null ? 1 : head.seq() + 1;
                    byte[] prevHash = head == null ? AuditChain.genesis() : head.hash();
                    // The time is read under the lock, so times never run backwards along the chain
                    // (unless the system clock does).
                    AuditEntry entry = AuditEntry.next(seq, prevHash, Instant.now(clock), event);
                    return entries.persistAndFlush(entry).call(this::seal);
                }));
    }

    /**
     * Writes one entry per event, in order, under one lock and one read of the head: what a
     * reviewer reading a page of tips needs. Same transaction rules as {@link #append}.
     */
    public Uni<List<AuditEntry>> appendAll(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.withTransaction(() -> entries.lockChain()
                .chain(entries::newest)
                .chain(head -> {
                    long seq = head == null ? 1 : head.seq() + 1;
                    byte[] prevHash = head == null ? AuditChain.genesis() : head.hash();
                    Instant at = Instant.now(clock);
                    List<AuditEntry> batch = new java.util.ArrayList<>(events.size());
                    for (AuditEvent event : events) {
                        AuditEntry entry = AuditEntry.next(seq++, prevHash, at, event);
                        prevHash = entry.hash();
                        batch.add(entry);
                    }
                    return entries.persist(batch).chain(entries::flush)
                            .chain(() -> seal(batch.get(batch.size() - 1))).replaceWith(batch);
                }));
    }

    /** Seals the newest entry: the MAC that a chain recomputed without the office key cannot match. */
    private Uni<Void> seal(AuditEntry newest) {
        return entries.writeSeal(newest.seq(), newest.hash(), sealer.seal(newest.seq(), newest.hash()));
    }

    /**
     * The newest entry, with its seal when the review process wrote it (an entry written by
     * the command line since is not sealed yet); for an empty log, seq 0 and the genesis hash.
     */
    public Uni<AuditHead> head() {
        return Panache.withSession(() -> entries.newest()).chain(newest -> newest == null
                ? Uni.createFrom().item(AuditHead.empty())
                : entries.sealOf(newest.seq()).map(seal -> AuditHead.of(newest, seal)));
    }

    /** Recomputes the whole chain. */
    public Uni<AuditVerification> verify() {
        return entries.verify(null, sealer::verifies);
    }

    /**
     * Recomputes the whole chain, and also fails unless the log still holds the anchored
     * entry with exactly that hash. This catches a deleted or rewritten tail, which the
     * chain alone cannot show. A null anchor is the same as {@link #verify()}.
     */
    public Uni<AuditVerification> verify(AuditAnchor anchor) {
        return entries.verify(anchor, sealer::verifies);
    }

    /**
     * Entries written at or after {@code from} and before {@code to} (either may be null
     * for no bound), oldest first, {@code size} (1 to {@value #MAX_PAGE_SIZE}) to a page,
     * pages counted from 0. Out-of-range arguments throw a {@link InvalidField} naming
     * the parameter ({@code from}, {@code to}, {@code page}, {@code size}).
     */
    public Uni<List<AuditEntry>> list(Instant from, Instant to, int page, int size) {
        AuditFilter filter = AuditFilter.period(from, to);
        check(filter, page, size);
        return Panache.withSession(() -> entries.matching(filter, page * size, size));
    }

    /**
     * One page of the entries that match {@code filter}, oldest first, with whether another
     * page follows. The same rules as {@link #list}.
     */
    public Uni<AuditPage> page(AuditFilter filter, int page, int size) {
        check(filter, page, size);
        // One entry more than the page tells whether there is a next page.
        return Panache.withSession(() -> entries.matching(filter, page * size, size + 1))
                .map(rows -> new AuditPage(page, size,
                        rows.stream().limit(size).map(AuditEntryView::of).toList(), rows.size() > size));
    }

    private static void check(AuditFilter filter, int page, int size) {
        if (page < 0) {
            throw new InvalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidField("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        if ((long) page * size + size > Integer.MAX_VALUE) {
            throw new InvalidField("page", "is beyond the last possible page");
        }
        if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
            throw new InvalidField("to", "must be after 'from'");
        }
    }
}
