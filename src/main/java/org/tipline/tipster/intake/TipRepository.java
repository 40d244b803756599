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

/**
 * The tip table's write path. The insert is one prepared statement in autocommit, so the
 * returned {@link Uni} completes only after PostgreSQL has committed (and, with
 * synchronous_commit on, flushed) the row.
 */
@ApplicationScoped
public class TipRepository {

    private static final String INSERT = """
            with new_tip as (
                insert into tip (id, reference, program, category, status, received_at, key_id, format_version, ciphertext,
                        channel)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $15)
                returning id)
            insert into tip_dialogue (tip_id, tipster_kdf, tipster_verifier, tipster_key, office_dialogue_key, dialogue_key_id)
            select id, $10, $11, $12, $13, $14 from new_tip""";

    private final Pool pool;

    public TipRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> insert(NewTip tip) {
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
                .addBuffer(Buffer.buffer(tip.tipsterVerifier()))
                .addBuffer(Buffer.buffer(tip.tipsterKey()))
                .addBuffer(Buffer.buffer(tip.officeDialogueKey().ciphertext()))
                .addLong(tip.officeDialogueKey().keyId())
                .addString(tip.channel());
        return pool.preparedQuery(INSERT).execute(row).replaceWithVoid();
    }
}
