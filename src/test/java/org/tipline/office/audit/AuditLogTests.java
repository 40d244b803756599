package org.tipline.office.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tipline.office.audit.AuditRows.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tipline.testing.TestDatabase;

/**
 * Appending builds a gapless chain that verifies, also under concurrency, and an append
 * lives and dies with the caller's transaction. Every assertion is relative to the entries
 * this test wrote, because all test classes share one database.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class AuditLogTests {

    private static final String REFERENCE = "TIP-7KQ3-9XHD-M2PF-4RTA";

    private final AuditService audit;
    private final AuditRows rows;

    AuditLogTests(AuditService audit, AgroalDataSource dataSource) {
        this.audit = audit;
        this.rows = new AuditRows(dataSource);
    }

    @Test
    void appendedEntriesFormAChainThatVerifies() {
        AuditHead before = await(audit::head);
        List<AuditEntry> appended = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent event = new AuditEvent("audrey", AuditAction.TIP_READ, REFERENCE, "case 2026-" + i,
                    Map.of("field", "description", "round", Integer.toString(i)));
            appended.add(await(() -> audit.append(event)));
        }

        assertThat(appended).extracting(AuditEntry::seq)
                .containsExactly(LongStream.rangeClosed(before.seq() + 1, before.seq() + 5).boxed().toArray(Long[]::new));
        List<AuditRows.Row> stored = rows.range(before.seq() + 1, before.seq() + 5);
        assertThat(stored).hasSize(5);
        byte[] previous = AuditChain.unhex(before.hash());
        for (int i = 0; i < 5; i++) {
            AuditRows.Row row = stored.get(i);
            assertThat(row.prevHash()).as("row %d links to the one before", row.seq()).isEqualTo(previous);
            assertThat(row.hash()).as("row %d's hash covers its fields", row.seq()).isEqualTo(row.recomputedHash());
            assertThat(row.hash()).isEqualTo(appended.get(i).hash());
            assertThat(row.at().toInstant()).isEqualTo(appended.get(i).at());
            assertThat(row.actor()).isEqualTo("audrey");
            assertThat(row.action()).isEqualTo("tip.read");
            assertThat(row.tipReference()).isEqualTo(REFERENCE);
            assertThat(row.purpose()).isEqualTo("case 2026-" + i);
            assertThat(row.detail()).isEqualTo("{\"field\":\"description\",\"round\":\"" + i + "\"}");
            previous = row.hash();
        }
        assertThat(stored.get(4).at().toInstant()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));

        AuditHead head = await(audit::head);
        assertThat(head.seq()).isEqualTo(before.seq() + 5);
        assertThat(head.hash()).isEqualTo(AuditChain.hex(stored.get(4).hash()));

        AuditVerification verification = await(audit::verify);
        assertThat(verification.ok()).isTrue();
        assertThat(verification.checked()).isEqualTo(rows.count()).isGreaterThanOrEqualTo(head.seq());
        assertThat(verification.brokenSeq()).isNull();
        assertThat(verification.head().seq()).isGreaterThanOrEqualTo(head.seq());
        assertThat(await(() -> audit.verify(head.anchor())).ok()).isTrue();
    }

    @Test
    void anEntryWithoutOptionalFieldsStoresNulls() {
        AuditEntry entry = await(() -> audit.append(AuditEvent.of("audrey", AuditAction.SESSION_LOGIN)));
        AuditRows.Row row = rows.get(entry.seq());
        assertThat(row.tipReference()).isNull();
        assertThat(row.purpose()).isNull();
        assertThat(row.detail()).isNull();
        assertThat(row.hash()).isEqualTo(row.recomputedHash());
    }

    @Test
    void fiftyConcurrentAppendsStayOneGaplessChain() throws Exception {
        long before = await(audit::head).seq();
        int writers = 50;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<AuditEntry>> tasks = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                AuditEvent event = new AuditEvent("writer-" + i, AuditAction.TIP_UPDATE, REFERENCE, null, Map.of("n", "" + i));
                tasks.add(() -> await(() -> audit.append(event)));
            }
            List<Long> seqs = new ArrayList<>();
            for (Future<AuditEntry> result : pool.invokeAll(tasks)) {
                seqs.add(result.get().seq());
            }
            assertThat(seqs).as("each writer got its own number, none skipped")
                    .containsExactlyInAnyOrder(LongStream.rangeClosed(before + 1, before + writers).boxed()
                            .toArray(Long[]::new));
        } finally {
            pool.shutdownNow();
        }

        List<AuditRows.Row> stored = rows.range(before, before + writers);
        assertThat(stored).hasSize(writers + (before == 0 ? 0 : 1));
        for (int i = 1; i < stored.size(); i++) {
            assertThat(stored.get(i).seq()).isEqualTo(stored.get(i - 1).seq() + 1);
            assertThat(stored.get(i).prevHash()).as("no fork at %d", stored.get(i).seq())
                    .isEqualTo(stored.get(i - 1).hash());
            assertThat(stored.get(i).at()).isAfterOrEqualTo(stored.get(i - 1).at());
        }
        assertThat(stored.stream().map(AuditRows.Row::actor).filter(a -> a.startsWith("writer-")).distinct())
                .hasSize(writers);
        assertThat(await(audit::verify).ok()).isTrue();
    }

    @Test
    void anAppendJoinsTheCallersTransactionAndRollsBackWithIt() {
        long before = await(audit::head).seq();
        assertThatThrownBy(() -> await(() -> Panache.withTransaction(() -> audit.append(
                        new AuditEvent("audrey", AuditAction.TIP_UPDATE, REFERENCE, "closing", Map.of("field", "status")))
                .chain(entry -> Uni.createFrom().failure(new IllegalStateException("the tip change failed"))))))
                .hasMessageContaining("the tip change failed");
        assertThat(rows.maxSeq()).as("the entry went with the rolled-back transaction").isEqualTo(before);

        List<AuditEntry> both = await(() -> Panache.withTransaction(() -> audit.append(
                        new AuditEvent("audrey", AuditAction.TIP_UPDATE, REFERENCE, null, Map.of("field", "status")))
                .chain(first -> audit.append(new AuditEvent("audrey", AuditAction.NOTE_ADD, REFERENCE, null, null))
                        .map(second -> List.of(first, second)))));
        assertThat(both).extracting(AuditEntry::seq).containsExactly(before + 1, before + 2);
        assertThat(rows.get(before + 2).prevHash()).isEqualTo(rows.get(before + 1).hash());
        assertThat(await(audit::verify).ok()).isTrue();
    }

    @Test
    void listReturnsOnePageOfEntriesInTheTimeRange() {
        AuditEntry first = await(() -> audit.append(AuditEvent.of("lister", AuditAction.SESSION_LOGIN)));
        await(() -> audit.append(AuditEvent.of("lister", AuditAction.TIP_READ)));
        AuditEntry third = await(() -> audit.append(AuditEvent.of("lister", AuditAction.SESSION_LOGIN)));

        List<AuditEntry> page = await(() -> audit.list(first.at(), third.at().plusNanos(1_000), 0, 200));
        assertThat(page).extracting(AuditEntry::seq).contains(first.seq(), first.seq() + 1, third.seq())
                .isSorted();
        assertThat(page).allSatisfy(e -> assertThat(e.at()).isBetween(first.at(), third.at()));
        assertThat(await(() -> audit.list(first.at(), third.at(), 0, 200)))
                .extracting(AuditEntry::seq).doesNotContain(third.seq());
        assertThat(await(() -> audit.list(null, null, 0, 2))).hasSize(2);
    }

    @Test
    void theTableRefusesUpdatesDeletesAndTruncation() {
        AuditEntry entry = await(() -> audit.append(AuditEvent.of("audrey", AuditAction.SESSION_LOGIN)));
        SQLException update = rows.tryPlain("update audit_entry set actor = 'mallory' where seq = " + entry.seq());
        SQLException delete = rows.tryPlain("delete from audit_entry where seq = " + entry.seq());
        SQLException truncate = rows.tryPlain("truncate audit_entry");
        for (Throwable refused : java.util.Arrays.asList(update, delete, truncate)) {
            assertThat(refused).isNotNull().hasMessageContaining("append-only");
        }
        assertThat(rows.get(entry.seq()).actor()).isEqualTo("audrey");
    }

    @Test
    void verifyWalksAHundredThousandEntriesPageByPage() {
        AuditHead before = await(audit::head);
        int extra = 100_000;
        List<AuditRows.Row> bulk = new ArrayList<>(extra);
        byte[] previous = AuditChain.unhex(before.hash());
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        for (int i = 1; i <= extra; i++) {
            long seq = before.seq() + i;
            String detail = "{\"n\":\"" + i + "\"}";
            byte[] hash = AuditChain.hash(previous, seq, at, "bulk", "tip.read", REFERENCE, null, detail);
            bulk.add(new AuditRows.Row(seq, at.atOffset(ZoneOffset.UTC), "bulk", "tip.read", REFERENCE, null, detail,
                    previous, hash));
            previous = hash;
        }
        rows.insertBulk(bulk);
        try {
            AuditVerification whole = await(audit::verify);
            assertThat(whole.ok()).isTrue();
            assertThat(whole.checked()).isEqualTo(before.seq() + extra);
            assertThat(whole.head().seq()).isEqualTo(before.seq() + extra);
            assertThat(whole.head().hash()).isEqualTo(AuditChain.hex(previous));

            long middle = before.seq() + 54_321;
            rows.tamper("update audit_entry set purpose = 'inserted later' where seq = ?", middle);
            AuditVerification broken = await(audit::verify);
            assertThat(broken.ok()).isFalse();
            assertThat(broken.brokenSeq()).isEqualTo(middle);
            assertThat(broken.reason()).isEqualTo(AuditVerification.Reason.HASH_MISMATCH);
            assertThat(broken.checked()).isEqualTo(middle - 1);

            long pageEdge = before.seq() + AuditRepository.VERIFY_PAGE_SIZE * 3L + 1;
            rows.restore(List.of(bulk.get((int) (middle - before.seq() - 1))));
            rows.tamper("delete from audit_entry where seq = ?", pageEdge);
            AuditVerification gap = await(audit::verify);
            assertThat(gap.brokenSeq()).isEqualTo(pageEdge);
            assertThat(gap.reason()).isEqualTo(AuditVerification.Reason.SEQ_GAP);
        } finally {
            rows.tamper("delete from audit_entry where seq > ?", before.seq());
        }
        assertThat(await(audit::verify).ok()).isTrue();
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), java.time.temporal.ChronoUnit.SECONDS);
    }
}
