package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.tipline.tip.DialogueState;
import org.tipline.tip.RewardStatus;
import org.tipline.tip.TipStatus;

/**
 * The follow-up side's queries, through the reactive client like the intake insert: tips
 * by reference, the thread, tipster sessions and the reward. The intake role never loads
 * Hibernate entities.
 */
@ApplicationScoped
public class FollowupRepository {

    private final Pool pool;

    public FollowupRepository(Pool pool) {
        this.pool = pool;
    }

    /** A tip's stored credentials, or null. */
    public Uni<TipsterCredentials.StoredCredentials> credentials(String reference) {
        return pool.preparedQuery("select t.id, t.reference, d.tipster_kdf, d.tipster_verifier, d.tipster_key from tip t "
                + "left join tip_dialogue d on d.tip_id = t.id where t.reference = $1")
                .execute(Tuple.of(reference))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new TipsterCredentials.StoredCredentials(row.getUUID("id"), row.getString("reference"),
                            row.getString("tipster_kdf"), bytes(row, "tipster_verifier"), bytes(row, "tipster_key"));
                });
    }

    /**
     * A tip's sealed sign-in: its stored kdf, Ed25519 public key and wrapped dialogue key, and
     * whether it signs in with a passphrase instead (it has a verifier); null when no such tip.
     */
    public Uni<SealedCredentials> sealedCredentials(String reference) {
        return pool.preparedQuery("select t.id, t.reference, d.tipster_kdf, d.tipster_signin_key, d.tipster_key, "
                + "d.tipster_verifier is not null as passphrase from tip t "
                + "left join tip_dialogue d on d.tip_id = t.id where t.reference = $1")
                .execute(Tuple.of(reference))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new SealedCredentials(row.getUUID("id"), row.getString("reference"),
                            row.getString("tipster_kdf"), bytes(row, "tipster_signin_key"), bytes(row, "tipster_key"),
                            Boolean.TRUE.equals(row.getBoolean("passphrase")));
                });
    }

    /** The decoy key: {@code fresh} if no process wrote one yet, else the one stored; the same for every process. */
    public Uni<byte[]> decoyKey(byte[] fresh) {
        return pool.preparedQuery("insert into followup_decoy_key (id, key) values (1, $1) on conflict (id) do nothing")
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(fresh)))
                .chain(() -> pool.preparedQuery("select key from followup_decoy_key where id = 1").execute())
                .map(rows -> bytes(rows.iterator().next(), "key"));
    }

    /** A new session; {@code sealedKey} is null for a sealed session, whose browser holds the dialogue key. */
    public Uni<Void> createSession(byte[] tokenHash, UUID tipId, byte[] sealedKey, Instant expiresAt) {
        return pool.preparedQuery("delete from followup_session where expires_at < now()").execute()
                .chain(() -> pool.preparedQuery(
                        "insert into followup_session (token_hash, tip_id, sealed_key, expires_at) values ($1, $2, $3, $4)")
                        .execute(Tuple.tuple().addBuffer(Buffer.buffer(tokenHash)).addUUID(tipId)
                                .addValue(sealedKey == null ? null : Buffer.buffer(sealedKey).getDelegate())
                                .addOffsetDateTime(utc(expiresAt))))
                .replaceWithVoid();
    }

    /** A live session's tip and sealed key, or null when unknown or expired. */
    public Uni<StoredSession> session(byte[] tokenHash) {
        return pool.preparedQuery("""
                        select s.tip_id, s.sealed_key, t.reference from followup_session s join tip t on t.id = s.tip_id
                        where s.token_hash = $1 and s.expires_at > now()""")
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(tokenHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredSession(row.getUUID("tip_id"), row.getString("reference"), bytes(row, "sealed_key"));
                });
    }

    public Uni<Void> endSession(byte[] tokenHash) {
        return pool.preparedQuery("delete from followup_session where token_hash = $1")
                .execute(Tuple.tuple().addBuffer(Buffer.buffer(tokenHash))).replaceWithVoid();
    }

    /** The tip's state, thread and reward, read in one snapshot. */
    public Uni<Mailbox> mailbox(UUID tipId) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select status, dialogue_state from tip where id = $1").execute(Tuple.of(tipId))
                .chain(tipRows -> messages(connection, tipId).chain(messages -> connection
                        .preparedQuery("select status, amount, currency, format_version, tipster_view from tip_reward where tip_id = $1")
                        .execute(Tuple.of(tipId))
                        .map(rewardRows -> {
                            if (tipRows.size() == 0) {
                                return null;
                            }
                            Row tip = tipRows.iterator().next();
                            StoredReward reward = null;
                            if (rewardRows.size() > 0) {
                                Row row = rewardRows.iterator().next();
                                reward = new StoredReward(RewardStatus.fromLabel(row.getString("status")),
                                        row.getBigDecimal("amount").toPlainString(), row.getString("currency"),
                                        row.getShort("format_version"), bytes(row, "tipster_view"));
                            }
                            return new Mailbox(TipStatus.fromLabel(tip.getString("status")),
                                    DialogueState.fromLabel(tip.getString("dialogue_state")), messages, reward);
                        }))));
    }

    private static Uni<List<StoredMessage>> messages(SqlConnection connection, UUID tipId) {
        return connection.preparedQuery("""
                        select message_no, sender, sent_at, format_version, ciphertext from tip_message
                        where tip_id = $1 order by message_no""")
                .execute(Tuple.of(tipId))
                .map(FollowupRepository::toMessages);
    }

    private static List<StoredMessage> toMessages(RowSet<Row> rows) {
        List<StoredMessage> messages = new ArrayList<>();
        for (Row row : rows) {
            messages.add(new StoredMessage(row.getInteger("message_no"), row.getString("sender"),
                    row.getOffsetDateTime("sent_at").toInstant(), row.getShort("format_version"), bytes(row, "ciphertext")));
        }
        return messages;
    }

    /**
     * Appends a tipster message with the next number, under a lock on the tip row. Null when
     * the dialogue is closed (nothing is written).
     */
    public Uni<Integer> appendTipsterMessage(UUID tipId, Instant sentAt, java.util.function.IntFunction<byte[]> sealer) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select tipster_lock_dialogue($1) as dialogue_state").execute(Tuple.of(tipId))
                .chain(state -> {
                    String label = state.iterator().next().getString("dialogue_state");
                    if (label == null || DialogueState.fromLabel(label) != DialogueState.OPEN) {
                        return Uni.createFrom().nullItem();
                    }
                    return connection.preparedQuery("select coalesce(max(message_no), 0) + 1 as next from tip_message where tip_id = $1")
                            .execute(Tuple.of(tipId))
                            .chain(next -> {
                                int number = next.iterator().next().getInteger("next");
                                Tuple row = Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(tipId).addInteger(number)
                                        .addString(org.tipline.crypto.MessageSealing.TIPSTER).addOffsetDateTime(utc(sentAt))
                                        .addShort((short) org.tipline.crypto.Bindings.DIALOGUE_FORMAT_VERSION)
                                        .addBuffer(Buffer.buffer(sealer.apply(number)));
                                return connection.preparedQuery("""
                                                insert into tip_message (id, tip_id, message_no, sender, author, sent_at, format_version, ciphertext)
                                                values ($1, $2, $3, $4, null, $5, $6, $7)""")
                                        .execute(row).replaceWith(number);
                            });
                }));
    }

    /** What became of a message a tipster's browser sealed itself. */
    public enum SealedAppend {
        STORED,
        /** The conversation is closed; nothing was written. */
        CLOSED,
        /** Another message has this number, or the number skips one; nothing was written. */
        NUMBER_TAKEN
    }

    /**
     * Appends a tipster message sealed by the browser as number {@code number}, under the same
     * lock on the tip row as {@link #appendTipsterMessage}: only if the conversation is open
     * and {@code number} is the largest number so far plus one.
     */
    public Uni<SealedAppend> appendSealedTipsterMessage(UUID tipId, int number, Instant sentAt, short formatVersion,
            byte[] ciphertext) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select tipster_lock_dialogue($1) as dialogue_state").execute(Tuple.of(tipId))
                .chain(state -> {
                    String label = state.iterator().next().getString("dialogue_state");
                    if (label == null || DialogueState.fromLabel(label) != DialogueState.OPEN) {
                        return Uni.createFrom().item(SealedAppend.CLOSED);
                    }
                    return connection.preparedQuery("select coalesce(max(message_no), 0) + 1 as next from tip_message where tip_id = $1")
                            .execute(Tuple.of(tipId))
                            .chain(next -> {
                                if (next.iterator().next().getInteger("next") != number) {
                                    return Uni.createFrom().item(SealedAppend.NUMBER_TAKEN);
                                }
                                Tuple row = Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(tipId).addInteger(number)
                                        .addString(org.tipline.crypto.MessageSealing.TIPSTER).addOffsetDateTime(utc(sentAt))
                                        .addShort(formatVersion).addBuffer(Buffer.buffer(ciphertext));
                                return connection.preparedQuery("""
                                                insert into tip_message (id, tip_id, message_no, sender, author, sent_at, format_version, ciphertext)
                                                values ($1, $2, $3, $4, null, $5, $6, $7)""")
                                        .execute(row).replaceWith(SealedAppend.STORED);
                            });
                }));
    }

    /** Forgets the passphrase's verifier and wrapped key, and ends the tip's sessions. */
    public Uni<Void> eraseTipsterAccess(UUID tipId) {
        return pool.preparedQuery("select tipster_end_access($1)").execute(Tuple.of(tipId)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] bytes(Row row, String column) {
        Buffer buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    /** A session; {@code sealedKey} is null for a sealed session. */
    public record StoredSession(UUID tipId, String reference, byte[] sealedKey) {
    }

    /** What a sealed sign-in reads; {@code passphrase} when the tip signs in with a passphrase instead. */
    public record SealedCredentials(UUID tipId, String reference, String kdf, byte[] signInKey, byte[] tipsterKey,
            boolean passphrase) {
    }

    public record StoredMessage(int number, String sender, Instant sentAt, short formatVersion, byte[] ciphertext) {
    }

    public record StoredReward(RewardStatus status, String amount, String currency, short formatVersion,
            byte[] tipsterView) {
    }

    public record Mailbox(TipStatus status, DialogueState dialogueState, List<StoredMessage> messages,
            StoredReward reward) {
    }
}
