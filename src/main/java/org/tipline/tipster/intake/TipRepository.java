package org.tipline.tipster.intake;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.tipline.crypto.SealedTip;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.storage.UniqueViolation;
import org.tipline.tip.TipStatus;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The tip table's write path. A tip is stored by one statement in autocommit that writes its
 * {@code tip} and {@code tip_dialogue} rows, so the returned {@link Uni} completes only after
 * PostgreSQL has committed (and, with synchronous_commit on, flushed) them.
 *
 * <p>At most {@code tipline.intake.insert-statements} such statements run at once. Tips that
 * arrive meanwhile wait for the next one, which writes them all (up to {@value #MOST_A_STATEMENT})
 * and commits once: the database's per-commit work is shared, and no tip waits for a timer.
 * Each tip in a statement gets its own answer: stored, its proof spent by a sign-in, or its id
 * or reference taken. A statement that fails as a whole is tried again one tip at a time, so
 * that a tip the database refuses never costs another tip its place.
 *
 * <p>A tip posted with a proof-of-work has the proof's tip id ({@code ProofOfWork.CheckedProof}),
 * so a second tip with the same proof finds its id taken, and it is stored only if no sign-in
 * spent that proof ({@code proof_spent}, whose other queries are
 * {@code tipster/proof/ProofRepository}'s): the proof costs the tip an index probe, not a write.
 */
@ApplicationScoped
public class TipRepository {

    /** The most tips one statement writes. */
    static final int MOST_A_STATEMENT = 64;

    /**
     * One row per tip in the arrays (their order is the statement's {@code n}); a tip whose id or
     * reference is taken is skipped ({@code on conflict do nothing}), so one statement never fails
     * for it. The last select says, for each tip, whether it was stored and whether a sign-in had
     * spent its proof.
     */
    private static final String INSERT = """
            with input as (
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[],
                        $7::bigint[], $8::smallint[], $9::bytea[], $10::text[], $11::bytea[], $12::bytea[], $13::bytea[],
                        $14::bigint[], $15::text[], $16::bytea[], $17::bytea[]) with ordinality
                    as i (id, reference, program, category, status, received_at, key_id, format_version, ciphertext,
                        tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id, channel,
                        challenge, tipster_signin_key, n)),
            new_tip as (
                insert into tip (id, reference, program, category, status, received_at, key_id, format_version, ciphertext,
                        channel)
                select id, reference, program, category, status, received_at, key_id, format_version, ciphertext, channel
                from input
                where input.challenge is null
                    or not exists (select 1 from proof_spent where proof_spent.challenge = input.challenge)
                on conflict do nothing
                returning id),
            new_dialogue as (
                insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key,
                        dialogue_key_id, tipster_signin_key)
                select input.id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id,
                    tipster_signin_key
                from input join new_tip on new_tip.id = input.id
                returning tip_id)
            select input.n,
                exists (select 1 from new_dialogue where new_dialogue.tip_id = input.id) as stored,
                input.challenge is not null
                    and exists (select 1 from proof_spent where proof_spent.challenge = input.challenge) as spent
            from input""";

    /** What became of one tip. */
    public enum Stored {
        /** Written and committed. */
        STORED,
        /** Not written: a sign-in spent the tip's proof, through this process or another. */
        PROOF_SPENT,
        /** Not written: a stored tip has its id or reference. */
        ID_USED
    }

    private final Pool pool;
    private final int statements;
    private final ConcurrentLinkedDeque<Pending> waiting = new ConcurrentLinkedDeque<>();
    private final AtomicInteger running = new AtomicInteger();
    private final DistributionSummary tipsAStatement;

    public TipRepository(Pool pool, TiplineConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.statements = Math.max(1, config.intake().insertStatements());
        this.tipsAStatement = DistributionSummary.builder("tipline.tip.inserts")
                .description("Tips written by one insert statement (one commit)")
                .register(registry);
    }

    /**
     * Stores the tip, posted with {@code proof} when not null (the tip's id is then the
     * proof's), and tells what became of it. Fails only when the database does.
     */
    public Uni<Stored> insert(NewTip tip, ProofOfWork.CheckedProof proof) {
        return Uni.createFrom().emitter(emitter -> {
            waiting.add(new Pending(tip, proof == null ? null : proof.challenge(), emitter, Vertx.currentContext()));
            startStatements();
        });
    }

    /** Starts statements for the waiting tips while fewer than the allowed number run. */
    private void startStatements() {
        while (!waiting.isEmpty()) {
            int now = running.get();
            if (now >= statements) {
                return; // the statement that finishes next starts the waiting ones
            }
            if (!running.compareAndSet(now, now + 1)) {
                continue;
            }
            List<Pending> batch = nextBatch();
            if (batch.isEmpty()) {
                running.decrementAndGet();
                continue;
            }
            write(batch, true);
        }
    }

    /**
     * Up to {@value #MOST_A_STATEMENT} waiting tips with distinct ids and references; one that
     * shares either with a tip already taken goes back to the front, for the next statement.
     */
    private List<Pending> nextBatch() {
        List<Pending> batch = new ArrayList<>();
        List<Pending> later = new ArrayList<>();
        Set<UUID> ids = new HashSet<>();
        Set<String> references = new HashSet<>();
        Pending next;
        while (batch.size() < MOST_A_STATEMENT && (next = waiting.poll()) != null) {
            if (ids.add(next.tip().id()) & references.add(next.tip().reference())) {
                batch.add(next);
            } else {
                later.add(next);
            }
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            waiting.addFirst(later.get(i));
        }
        return batch;
    }

    /** Runs one statement for {@code batch}; when it fails and {@code split}, each tip gets a statement of its own. */
    private void write(List<Pending> batch, boolean split) {
        tipsAStatement.record(batch.size());
        pool.preparedQuery(INSERT).execute(arguments(batch)).subscribe().with(
                rows -> {
                    finished();
                    answer(batch, rows);
                },
                failure -> {
                    finished();
                    if (split && batch.size() > 1 && !UniqueViolation.causes(failure)) {
                        for (Pending one : batch) {
                            running.incrementAndGet();
                            write(List.of(one), false);
                        }
                    } else {
                        batch.forEach(pending -> pending.fail(failure));
                    }
                });
    }

    private void finished() {
        running.decrementAndGet();
        startStatements();
    }

    private static void answer(List<Pending> batch, RowSet<Row> rows) {
        Stored[] outcome = new Stored[batch.size()];
        for (Row row : rows) {
            int n = row.getLong("n").intValue();
            outcome[n - 1] = row.getBoolean("stored") ? Stored.STORED
                    : row.getBoolean("spent") ? Stored.PROOF_SPENT : Stored.ID_USED;
        }
        for (int i = 0; i < outcome.length; i++) {
            Pending pending = batch.get(i);
            if (outcome[i] == null) {
                pending.fail(new IllegalStateException("the insert statement gave no answer for a tip"));
            } else {
                pending.complete(outcome[i]);
            }
        }
    }

    private static Tuple arguments(List<Pending> batch) {
        int size = batch.size();
        UUID[] id = new UUID[size];
        String[] reference = new String[size];
        String[] program = new String[size];
        String[] category = new String[size];
        String[] status = new String[size];
        OffsetDateTime[] receivedAt = new OffsetDateTime[size];
        Long[] keyId = new Long[size];
        Short[] formatVersion = new Short[size];
        Buffer[] ciphertext = new Buffer[size];
        String[] tipsterKdf = new String[size];
        Buffer[] tipsterVerifier = new Buffer[size];
        Buffer[] tipsterKey = new Buffer[size];
        Buffer[] officeDialogueKey = new Buffer[size];
        Long[] dialogueKeyId = new Long[size];
        String[] channel = new String[size];
        Buffer[] challenge = new Buffer[size];
        Buffer[] tipsterSignInKey = new Buffer[size];
        for (int i = 0; i < size; i++) {
            NewTip tip = batch.get(i).tip();
            SealedTip sealed = tip.sealed();
            id[i] = tip.id();
            reference[i] = tip.reference();
            program[i] = tip.program();
            category[i] = tip.category();
            status[i] = TipStatus.NEW.label();
            receivedAt[i] = OffsetDateTime.ofInstant(tip.receivedAt(), ZoneOffset.UTC);
            keyId[i] = sealed.keyId();
            formatVersion[i] = (short) sealed.formatVersion();
            ciphertext[i] = Buffer.buffer(sealed.ciphertext());
            tipsterKdf[i] = tip.tipsterKdf();
            tipsterVerifier[i] = bytes(tip.tipsterVerifier());
            tipsterKey[i] = bytes(tip.tipsterKey());
            officeDialogueKey[i] = Buffer.buffer(tip.officeDialogueKey().ciphertext());
            dialogueKeyId[i] = tip.officeDialogueKey().keyId();
            channel[i] = tip.channel();
            challenge[i] = bytes(batch.get(i).challenge());
            tipsterSignInKey[i] = bytes(tip.tipsterSignInKey());
        }
        io.vertx.sqlclient.Tuple row = io.vertx.sqlclient.Tuple.tuple()
                .addArrayOfUUID(id)
                .addArrayOfString(reference)
                .addArrayOfString(program)
                .addArrayOfString(category)
                .addArrayOfString(status)
                .addArrayOfOffsetDateTime(receivedAt)
                .addArrayOfLong(keyId)
                .addArrayOfShort(formatVersion)
                .addArrayOfBuffer(ciphertext)
                .addArrayOfString(tipsterKdf)
                .addArrayOfBuffer(tipsterVerifier)
                .addArrayOfBuffer(tipsterKey)
                .addArrayOfBuffer(officeDialogueKey)
                .addArrayOfLong(dialogueKeyId)
                .addArrayOfString(channel)
                .addArrayOfBuffer(challenge)
                .addArrayOfBuffer(tipsterSignInKey);
        return Tuple.newInstance(row);
    }

    private static Buffer bytes(byte[] value) {
        return value == null ? null : Buffer.buffer(value);
    }

    /**
     * A tip waiting for its statement, and the request's Vert.x context, on which its answer is
     * given (the statement's answer arrives on the context of whichever request started it).
     */
    private record Pending(NewTip tip, byte[] challenge, UniEmitter<? super Stored> emitter, Context context) {

        void complete(Stored stored) {
            onContext(() -> emitter.complete(stored));
        }

        void fail(Throwable failure) {
            onContext(() -> emitter.fail(failure));
        }

        private void onContext(Runnable answer) {
            if (context == null || Vertx.currentContext() == context) {
                answer.run();
            } else {
                context.runOnContext(ignored -> answer.run());
            }
        }
    }
}
