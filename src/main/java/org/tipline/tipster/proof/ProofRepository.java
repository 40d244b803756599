package org.tipline.tipster.proof;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared proof-of-work state in PostgreSQL (V10__proof_of_work.sql): signing keys, spent
 * challenges and accepted-tip counters. Each method is one statement in autocommit.
 */
@ApplicationScoped
public class ProofRepository {

    private static final String CREATE_KEY = "insert into proof_key (generation, hmac_key) values ($1, $2) "
            + "on conflict (generation) do nothing";
    private static final String KEY = "select hmac_key from proof_key where generation = $1";
    /** A sign-in's proof: spent unless spent before, by a sign-in (the key) or by a tip (its id). */
    private static final String SPEND = "insert into proof_spent (challenge, expires_at) select $1, to_timestamp($2::bigint) "
            + "where not exists (select 1 from tip where id = $3) on conflict (challenge) do nothing";
    /** Some minutes after expiry, so that an intake process whose clock lags the database's cannot take a replay. */
    private static final String FORGET_SPENT = "delete from proof_spent where expires_at < now() - interval '5 minutes'";
    private static final String FORGET_KEYS = "delete from proof_key where generation < $1";

    /**
     * Adds each counter's local count to its current window (rolling the windows over on the
     * database's clock, so that all processes agree), and returns every counter's two windows
     * and how far into the current one the database's clock is.
     */
    private static final String FLUSH = """
            with input as (
                select c.counter, c.n, c.w,
                       to_timestamp(floor(extract(epoch from now()) / c.w) * c.w) as ws
                from unnest($1::text[], $2::bigint[], $3::int[]) as c(counter, n, w))
            insert into proof_load as l (counter, window_seconds, window_start, current_count, previous_count)
            select counter, w, ws, n, 0 from input
            on conflict (counter) do update set
                previous_count = case
                    when l.window_start = excluded.window_start then l.previous_count
                    when l.window_start = excluded.window_start - make_interval(secs => excluded.window_seconds)
                        then l.current_count
                    else 0 end,
                current_count = case
                    when l.window_start = excluded.window_start then l.current_count + excluded.current_count
                    else excluded.current_count end,
                window_seconds = excluded.window_seconds,
                window_start = excluded.window_start
            returning counter, current_count, previous_count,
                      extract(epoch from (now() - window_start))::float8 / window_seconds as elapsed""";

    private final Pool pool;

    public ProofRepository(Pool pool) {
        this.pool = pool;
    }

    /** The key of a generation, creating it with {@code candidate} if nobody has yet. */
    Uni<String> keyOf(long generation, String candidate) {
        return pool.preparedQuery(CREATE_KEY).execute(Tuple.of(generation, candidate))
                .chain(() -> existingKey(generation));
    }

    /** The key of a generation, or null when no process has created it. */
    Uni<String> existingKey(long generation) {
        return pool.preparedQuery(KEY).execute(Tuple.of(generation))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }

    /** Records a sign-in's challenge as spent; false when it already was, or stored a tip ({@code tipId}). */
    Uni<Boolean> spend(byte[] challenge, long expiresEpochSecond, UUID tipId) {
        return pool.preparedQuery(SPEND).execute(Tuple.tuple().addBuffer(Buffer.buffer(challenge)).addLong(expiresEpochSecond)
                        .addUUID(tipId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes spent challenges long expired and keys older than {@code oldestGeneration}. */
    Uni<Void> cleanUp(long oldestGeneration) {
        return pool.query(FORGET_SPENT).execute()
                .chain(() -> pool.preparedQuery(FORGET_KEYS).execute(Tuple.of(oldestGeneration)))
                .replaceWithVoid();
    }

    /** One counter's state as the database has it after a flush. */
    record Window(String counter, long current, long previous, double elapsed) {

        /**
         * Tips in the last window's length, estimated by sliding: all of the current window
         * and the part of the previous one that still lies within a window's length of now.
         */
        double estimate() {
            double fraction = Math.min(1.0, Math.max(0.0, elapsed));
            return current + previous * (1.0 - fraction);
        }
    }

    /** Adds the counts (which may be zero) and reads every given counter back. */
    Uni<List<Window>> flush(List<String> counters, List<Long> counts, List<Integer> windowSeconds) {
        Tuple arguments = Tuple.tuple()
                .addArrayOfString(counters.toArray(String[]::new))
                .addArrayOfLong(counts.toArray(Long[]::new))
                .addArrayOfInteger(windowSeconds.toArray(Integer[]::new));
        return pool.preparedQuery(FLUSH).execute(arguments).map(rows -> {
            List<Window> windows = new ArrayList<>();
            for (Row row : rows) {
                windows.add(new Window(row.getString(0), row.getLong(1), row.getLong(2), row.getDouble(3)));
            }
            return windows;
        });
    }
}
