package org.tipline.office.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.office.audit.AuditRows.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tipline.office.audit.AuditVerification.Reason;
import org.tipline.testing.TestDatabase;

/**
 * Editing, deleting or reordering an audit row makes verification fail at that row, and a
 * deleted or rewritten tail is caught by an anchored head. Each test appends its own five
 * entries, tampers with them directly in PostgreSQL (as someone with database access
 * could), verifies, and then puts the saved rows back, so that the shared log stays valid.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class AuditTamperTests {

    private final AuditService audit;
    private final AuditRows rows;
    private long first;
    private Object[] savedSeal;
    private List<AuditRows.Row> saved;

    AuditTamperTests(AuditService audit, AgroalDataSource dataSource) {
        this.audit = audit;
        this.rows = new AuditRows(dataSource);
    }

    @BeforeEach
    void appendFiveEntries() {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            entries.add(await(() -> audit.append(new AuditEvent("rita", AuditAction.TIP_READ, "TIP-7KQ3-9XHD-M2PF-4RT" + n,
                    "tamper test " + n, Map.of("field", "description", "n", "" + n)))));
        }
        assertThat(await(audit::verify).ok()).as("the shared log is intact before tampering").isTrue();
        first = entries.get(0).seq();
        saved = rows.range(first, first + 4);
        savedSeal = rows.seal();
        assertThat(saved).hasSize(5);
    }

    @AfterEach
    void putTheRowsBack() {
        rows.restore(saved);
        rows.restoreSeal(savedSeal);
        AuditVerification repaired = await(audit::verify);
        assertThat(repaired.ok()).as("the log is intact again after the repair").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            at            | update audit_entry set at = at + interval '1 microsecond' where seq = ?   | hash-mismatch
            actor         | update audit_entry set actor = 'mallory' where seq = ?                     | hash-mismatch
            action        | update audit_entry set action = 'session.login' where seq = ?              | hash-mismatch
            tip_reference | update audit_entry set tip_reference = 'TIP-0000-0000-0000-0000' where seq = ? | hash-mismatch
            no reference  | update audit_entry set tip_reference = null where seq = ?                  | hash-mismatch
            purpose       | update audit_entry set purpose = 'routine check' where seq = ?             | hash-mismatch
            no purpose    | update audit_entry set purpose = null where seq = ?                        | hash-mismatch
            detail        | update audit_entry set detail = '{"field":"location","n":"2"}' where seq = ? | hash-mismatch
            detail spaces | update audit_entry set detail = replace(detail, ',', ', ') where seq = ?    | hash-mismatch
            prev_hash     | update audit_entry set prev_hash = sha256(prev_hash) where seq = ?         | prev-hash-mismatch
            hash          | update audit_entry set hash = sha256(hash) where seq = ?                   | hash-mismatch
            seq           | update audit_entry set seq = seq + 1000000 where seq = ?                   | seq-gap
            """)
    void editingAnyFieldFailsAtThatRow(String field, String sql, String reason) {
        long target = first + 2;
        assertThat(rows.tamper(sql, target)).isEqualTo(1);

        AuditVerification verification = await(audit::verify);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.brokenSeq()).isEqualTo(target);
        assertThat(verification.reason().slug()).isEqualTo(reason);
        assertThat(verification.checked()).isEqualTo(target - 1);
        if (field.equals("seq")) {
            rows.restore(saved, target + 1_000_000);
        }
    }

    @Test
    void anEditWhoseHashIsRecomputedFailsAtTheNextRow() {
        long target = first + 2;
        AuditRows.Row row = rows.get(target);
        byte[] forged = AuditChain.hash(row.prevHash(), target, row.at().toInstant(), "mallory", row.action(),
                row.tipReference(), row.purpose(), row.detail());
        rows.tamper("update audit_entry set actor = 'mallory', hash = ? where seq = ?", forged, target);

        AuditVerification verification = await(audit::verify);

        assertThat(verification.brokenSeq()).isEqualTo(target + 1);
        assertThat(verification.reason()).isEqualTo(Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void deletingARowFailsAtThatRow() {
        long target = first + 3;
        rows.tamper("delete from audit_entry where seq = ?", target);

        AuditVerification verification = await(audit::verify);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.brokenSeq()).isEqualTo(target);
        assertThat(verification.reason()).isEqualTo(Reason.SEQ_GAP);
    }

    @Test
    void deletingTheFirstRowOfMineFailsAtThatRow() {
        rows.tamper("delete from audit_entry where seq = ?", first);
        AuditVerification verification = await(audit::verify);
        assertThat(verification.brokenSeq()).isEqualTo(first);
        assertThat(verification.reason()).isEqualTo(Reason.SEQ_GAP);
    }

    @Test
    void swappingTwoRowsFailsAtTheFirstOfThem() {
        long a = first + 1;
        long b = first + 3;
        swap(a, b, "at, actor, action, tip_reference, purpose, detail, prev_hash, hash");

        AuditVerification verification = await(audit::verify);

        assertThat(verification.ok()).isFalse();
        assertThat(verification.brokenSeq()).isEqualTo(a);
        assertThat(verification.reason()).isEqualTo(Reason.PREV_HASH_MISMATCH);
    }

    @Test
    void swappingTwoRowsContentsButNotTheirHashesFailsAtTheFirstOfThem() {
        long a = first + 1;
        long b = first + 2;
        swap(a, b, "at, actor, action, tip_reference, purpose, detail");

        AuditVerification verification = await(audit::verify);

        assertThat(verification.brokenSeq()).isEqualTo(a);
        assertThat(verification.reason()).isEqualTo(Reason.HASH_MISMATCH);
    }

    /**
     * Someone who can switch the triggers off deletes a tip.read entry and recomputes every
     * later entry's seq and hashes, so that the chain itself is whole again. Without the office
     * key they cannot make the seal match: verify reports it.
     */
    @Test
    void aChainRecomputedAfterADeletionIsCaughtByTheSeal() {
        long deleted = first + 1;
        rows.tamper("delete from audit_entry where seq = ?", deleted);
        byte[] prevHash = saved.get(0).hash();
        for (long seq = deleted + 1; seq <= first + 4; seq++) {
            AuditRows.Row row = rows.get(seq);
            long moved = seq - 1;
            byte[] hash = AuditChain.hash(prevHash, moved, row.at().toInstant(), row.actor(), row.action(),
                    row.tipReference(), row.purpose(), row.detail());
            rows.tamper("update audit_entry set seq = ?, prev_hash = ?, hash = ? where seq = ?", moved, prevHash, hash, seq);
            prevHash = hash;
        }

        AuditVerification verification = await(audit::verify);

        assertThat(verification.ok()).as("the recomputed chain is whole, but not sealed").isFalse();
        assertThat(verification.reason()).isEqualTo(Reason.SEAL_MISMATCH);
        assertThat(verification.brokenSeq()).as("the sealed seq, which no longer holds the sealed entry").isEqualTo(first + 4);
        assertThat(verification.checked()).as("every entry chains").isEqualTo(first + 3);

        // A seal recomputed with a key of the intruder's own is no better.
        rows.tamper("update audit_seal set seq = ?, hash = ?, mac = sha256(?) where id = 1", first + 3, prevHash, prevHash);
        assertThat(await(audit::verify).reason()).isEqualTo(Reason.SEAL_MISMATCH);
        rows.tamper("delete from audit_seal");
        assertThat(await(audit::verify).reason()).isEqualTo(Reason.SEAL_MISSING);
        rows.tamper("insert into audit_seal (id, seq, hash, mac) values (1, ?, ?, ?)", savedSeal);
    }

    /** The exported head carries the seal, a MAC of its seq and hash. */
    @Test
    void theExportedHeadCarriesItsSeal() {
        AuditHead head = await(audit::head);
        assertThat(head.seq()).isEqualTo(first + 4);
        assertThat(head.seal()).matches("[0-9a-f]{64}").isEqualTo(AuditChain.hex((byte[]) savedSeal[2]));
    }

    @Test
    void deletingTheTailIsCaughtByTheSealAndByAnAnchoredHead() {
        AuditHead anchored = await(audit::head);
        assertThat(anchored.seq()).isEqualTo(first + 4);
        rows.tamper("delete from audit_entry where seq >= ?", first + 3);

        AuditVerification unanchored = await(audit::verify);
        assertThat(unanchored.ok()).as("the sealed entry is gone").isFalse();
        assertThat(unanchored.reason()).isEqualTo(Reason.SEAL_MISMATCH);
        assertThat(unanchored.brokenSeq()).isEqualTo(first + 4);
        assertThat(unanchored.head().seq()).isEqualTo(first + 2);

        AuditVerification verification = await(() -> audit.verify(anchored.anchor()));
        assertThat(verification.ok()).isFalse();
        assertThat(verification.reason()).isEqualTo(Reason.ANCHOR_MISSING);
        assertThat(verification.brokenSeq()).isEqualTo(first + 3);
        assertThat(verification.checked()).isEqualTo(first + 2);

        AuditVerification olderAnchor = await(() -> audit.verify(new AuditAnchor(first + 2,
                AuditChain.hex(saved.get(2).hash()))));
        assertThat(olderAnchor.reason()).as("an anchor the log still holds, but not the sealed entry")
                .isEqualTo(Reason.SEAL_MISMATCH);
    }

    @Test
    void rewritingTheTailIsCaughtByAnAnchoredHead() {
        AuditHead anchored = await(audit::head);
        rows.tamper("delete from audit_entry where seq = ?", anchored.seq());
        AuditEntry replacement = await(() -> audit.append(new AuditEvent("rita", AuditAction.TIP_READ, null, "innocent", null)));
        assertThat(replacement.seq()).isEqualTo(anchored.seq());

        assertThat(await(audit::verify).ok()).isTrue();
        AuditVerification verification = await(() -> audit.verify(anchored.anchor()));
        assertThat(verification.ok()).isFalse();
        assertThat(verification.reason()).isEqualTo(Reason.ANCHOR_MISMATCH);
        assertThat(verification.brokenSeq()).isEqualTo(anchored.seq());
    }

    /** Exchanges the given columns of two rows in one statement. */
    private void swap(long a, long b, String columns) {
        String[] names = columns.split(",\\s*");
        StringBuilder set = new StringBuilder();
        for (String name : names) {
            if (set.length() > 0) {
                set.append(", ");
            }
            set.append(name).append(" = o.").append(name);
        }
        int changed = rows.tamper("update audit_entry e set " + set
                + " from audit_entry o where (e.seq, o.seq) in ((?, ?), (?, ?))", a, b, b, a);
        assertThat(changed).isEqualTo(2);
    }
}
