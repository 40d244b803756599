package org.tipline.tipster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.crypto.SealedTip;
import org.tipline.testing.TestDatabase;
import org.tipline.tipster.intake.TipRepository.Stored;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * Tips that arrive together are written together, and each still gets its own answer: many
 * inserts at once share statements (fewer statements than tips), and in the same rush a tip
 * whose id is taken, one whose reference is taken, one whose proof a sign-in spent and one the
 * database refuses each get their own outcome, while every other tip is stored, with its
 * dialogue row, exactly once.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class TipBatchTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TipRepository tips;
    private final AgroalDataSource dataSource;
    private final MeterRegistry metrics;

    TipBatchTests(TipRepository tips, AgroalDataSource dataSource, MeterRegistry metrics) {
        this.tips = tips;
        this.dataSource = dataSource;
        this.metrics = metrics;
    }

    @Test
    void tipsArrivingTogetherShareStatementsAndEachGetsItsOwnAnswer() throws Exception {
        // The meter appears with the repository's first use.
        DistributionSummary before = metrics.find("tipline.tip.inserts").summary();
        long statementsBefore = before == null ? 0 : before.count();
        double tipsBefore = before == null ? 0 : before.totalAmount();

        List<NewTip> plain = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            plain.add(tip(UUID.randomUUID(), reference(), "$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA"));
        }
        NewTip sameId = tip(plain.get(0).id(), reference(), plain.get(0).tipsterKdf());
        NewTip sameReference = tip(UUID.randomUUID(), plain.get(1).reference(), plain.get(1).tipsterKdf());
        NewTip spentProof = tip(UUID.randomUUID(), reference(), plain.get(2).tipsterKdf());
        byte[] spentChallenge = bytes(32);
        spend(spentChallenge);
        NewTip refused = tip(UUID.randomUUID(), reference(), null); // tip_dialogue.tipster_kdf is not null

        List<CompletableFuture<Stored>> answers = new ArrayList<>();
        for (NewTip tip : plain) {
            answers.add(insert(tip, null));
        }
        CompletableFuture<Stored> sameIdAnswer = insert(sameId, null);
        CompletableFuture<Stored> sameReferenceAnswer = insert(sameReference, null);
        CompletableFuture<Stored> spentAnswer = insert(spentProof,
                new ProofOfWork.CheckedProof(spentChallenge, Instant.now().getEpochSecond() + 600, spentProof.id()));
        CompletableFuture<Stored> refusedAnswer = insert(refused, null);

        // Of two tips with one id (or one reference), whichever reached the table first is stored
        // and the other is told its id is taken; every other tip is stored.
        List<NewTip> storedTips = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            Stored outcome = answers.get(i).get(30, TimeUnit.SECONDS);
            if (i > 1) {
                assertThat(outcome).isEqualTo(Stored.STORED);
            }
            if (outcome == Stored.STORED) {
                storedTips.add(plain.get(i));
            }
        }
        assertOneOf(answers.get(0).get(30, TimeUnit.SECONDS), sameIdAnswer.get(30, TimeUnit.SECONDS));
        assertOneOf(answers.get(1).get(30, TimeUnit.SECONDS), sameReferenceAnswer.get(30, TimeUnit.SECONDS));
        if (sameIdAnswer.get() == Stored.STORED) {
            storedTips.add(sameId);
        }
        if (sameReferenceAnswer.get() == Stored.STORED) {
            storedTips.add(sameReference);
        }
        assertThat(spentAnswer.get(30, TimeUnit.SECONDS)).isEqualTo(Stored.PROOF_SPENT);
        assertThat(refusedAnswer).failsWithin(30, TimeUnit.SECONDS).withThrowableThat()
                .isInstanceOf(ExecutionException.class);

        // Exactly the stored tips are in the database, each with its own dialogue row.
        assertThat(storedTips).hasSize(plain.size());
        assertThat(dialogueRows(storedTips)).isEqualTo(storedTips.size());
        NewTip idWinner = storedTips.contains(sameId) ? sameId : plain.get(0);
        assertThat(referenceOf(idWinner.id())).isEqualTo(idWinner.reference());
        NewTip referenceWinner = storedTips.contains(sameReference) ? sameReference : plain.get(1);
        assertThat(idOf(referenceWinner.reference())).isEqualTo(referenceWinner.id());
        assertThat(referenceOf(spentProof.id())).isNull();
        assertThat(referenceOf(refused.id())).isNull();
        assertThat(idOf(refused.reference())).isNull();

        // Fewer statements than tips: some statement wrote several tips in one commit.
        DistributionSummary statements = metrics.get("tipline.tip.inserts").summary();
        long statementsRun = statements.count() - statementsBefore;
        double tipsWritten = statements.totalAmount() - tipsBefore;
        assertThat(tipsWritten).isGreaterThanOrEqualTo(plain.size() + 4);
        assertThat(statementsRun).isLessThan(plain.size());
    }

    private static void assertOneOf(Stored first, Stored second) {
        assertThat(List.of(first, second)).containsExactlyInAnyOrder(Stored.STORED, Stored.ID_USED);
    }

    private CompletableFuture<Stored> insert(NewTip tip, ProofOfWork.CheckedProof proof) {
        return tips.insert(tip, proof).subscribeAsCompletionStage();
    }

    private static NewTip tip(UUID id, String reference, String kdf) {
        return new NewTip(id, reference, "default", null, "other", Instant.now(),
                new SealedTip(bytes(300), 1, 1), kdf, bytes(32), bytes(60),
                new OfficePublicKey.SealedBytes(bytes(85), 1), null);
    }

    private static String reference() {
        String symbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder out = new StringBuilder("TIP");
        for (int group = 0; group < 4; group++) {
            out.append('-');
            for (int i = 0; i < 4; i++) {
                out.append(symbols.charAt(RANDOM.nextInt(32)));
            }
        }
        return out.toString();
    }

    private static byte[] bytes(int length) {
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }

    private void spend(byte[] challenge) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into proof_spent (challenge, expires_at) values (?, ?)")) {
            insert.setBytes(1, challenge);
            insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(10));
            insert.executeUpdate();
        }
    }

    private long dialogueRows(List<NewTip> expected) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from tip join tip_dialogue on tip_dialogue.tip_id = tip.id where tip.id = any (?)")) {
            query.setArray(1, connection.createArrayOf("uuid", expected.stream().map(NewTip::id).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private String referenceOf(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select reference from tip where id = ?")) {
            query.setObject(1, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private UUID idOf(String reference) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select id from tip where reference = ?")) {
            query.setString(1, reference);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getObject(1, UUID.class) : null;
            }
        }
    }
}
