package org.tipline.tipster.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.tipline.crypto.SealedTip;
import org.tipline.tip.TipStatus;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The tip table's write path. The insert is one prepared statement in autocommit, so the
 * returned {@link Uni} completes only after PostgreSQL has committed (and, with
 * synchronous_commit on, flushed) the row. A tip posted with a proof-of-work has the proof's
 * tip id ({@code ProofOfWork.CheckedProof}), so a second tip with the same proof fails on the
 * primary key, and it is stored only if no sign-in spent that proof ({@code proof_spent},
 * whose other queries are {@code tipster/proof/ProofRepository}'s): the proof costs the tip
 * an index probe, not a write.
 */
@ApplicationScoped
public class TipRepository {

    private static final String INSERT = """
            with new_tip as (
                insert into tip (id, reference, program, category, status, received_at, key_id, format_version, ciphertext,
                        channel)
                select $1, $2, $3, $4, $5, $6, $7, $8, $9, $15
                where $16::bytea is null or not exists (select 1 from proof_spent where challenge = $16)
                returning id)
            insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id,
                    tipster_signin_key)
            select id, $10, $11, $12, $13, $14, $17 from new_tip""";

    private final Pool pool;

    public TipRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the tip, posted with {@code proof} when not null (the tip's id is then the
     * proof's). True when stored; false when a sign-in spent the proof, and then nothing is
     * written. A tip stored before with the same proof fails with a unique violation.
     */
    public Uni<Boolean> insert(NewTip tip, ProofOfWork.CheckedProof proof) {
        SealedTip sealed = tip.sealed();
        Tuple row = Tuple.tuple()
                .addUUID(tip.id())
                .addString(tip.reference())
                .addString(tip.program())
                .addString(tip.category())
                .addString(TipStatus.NEW.label())
                .addOffsetDateTime(OffsetDateTime.ofInstant(tip.receivedAt(), ZoneOffset.UTC))
                .addLong(sealed.keyId())
                .addShort((short) sealed.formatVersion())
                .addBuffer(Buffer.buffer(sealed.ciphertext()))
                .addString(tip.tipsterKdf())
                .addValue(tip.tipsterVerifier() == null ? null : Buffer.buffer(tip.tipsterVerifier()).getDelegate())
                .addBuffer(Buffer.buffer(tip.tipsterKey()))
                .addBuffer(Buffer.buffer(tip.officeDialogueKey().ciphertext()))
                .addLong(tip.officeDialogueKey().keyId())
                .addString(tip.channel())
                .addValue(proof == null ? null : Buffer.buffer(proof.challenge()).getDelegate())
                .addValue(tip.tipsterSignInKey() == null ? null
                        : Buffer.buffer(tip.tipsterSignInKey()).getDelegate());

        return pool.preparedQuery(INSERT).execute(row).map(rows -> rows.rowCount() == 1);
    }
}
