package org.tipline.tipster.followup;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.platform.storage.StoreDeadline;

/**
 * Bounds guessing of follow-up passphrases, never by client address (tipline has none).
 *
 * <ul>
 *   <li><b>Globally</b>: a budget of failed sign-ins per minute across all tips, as a token
 *       bucket. Each passphrase sign-in reserves a token before its Argon2id runs and gets it
 *       back if it succeeds; with none left, sign-ins get 429 until the bucket refills. This
 *       is what bounds the guessing rate, whatever the number of attackers.</li>
 *   <li><b>Per reference</b>: after a few failures on one reference, each further failure
 *       on it is answered only after a delay that doubles up to a cap. A correct passphrase
 *       is answered at once and clears the count, so the tip's owner gets in at the normal
 *       cost however many guesses were made against their reference.</li>
 * </ul>
 *
 * Unknown references are counted exactly like real ones, so the throttle tells nothing
 * about which references exist.
 *
 * <p>The state lives in PostgreSQL (the unlogged tables guessing_budget and guessing_failure,
 * V11), so every intake process on the database spends the one budget, and a restart of
 * tipline keeps it. Each step is one statement in autocommit that does its own arithmetic
 * on the database's clock, so processes whose clocks disagree still agree on the budget.
 * A reference is stored only as its SHA-256. A database error fails the sign-in with
 * {@link StorageUnavailableException} (503), never by letting the guess through.
 */
@Startup
@ApplicationScoped
public class GuessingThrottle {

    /** A day after its last failure, a reference's count is forgotten (and its row deleted). */
    static final Duration FORGET_AFTER = Duration.ofDays(1);
    /** A count that no day's budget reaches; it keeps the integer column from overflowing. */
    private static final int MAX_COUNT = 1_000_000;

    /*
     * Takes a token when the refilled bucket holds one. The refill is computed from the
     * stored time and the database clock; a refused attempt writes nothing (the refill is
     * lazy, so leaving the row alone loses nothing). The select beside the insert reads the
     * bucket as the statement found it, for the Retry-After of a refusal.
     * $1 capacity, $2 refill per second.
     */
    private static final String REFILLED = "least($1::float8, b.tokens + $2::float8 "
            + "* greatest(0, extract(epoch from (excluded.refilled_at - b.refilled_at))::float8))";
    private static final String RESERVE = """
            with taken as (
                insert into guessing_budget as b (id, tokens, refilled_at) values (1, $1::float8 - 1, clock_timestamp())
                on conflict (id) do update
                    set tokens = %1$s - 1, refilled_at = greatest(b.refilled_at, excluded.refilled_at)
                    where %1$s >= 1
                returning 1)
            select exists (select 1 from taken) as granted,
                (select least($1::float8, tokens + $2::float8
                        * greatest(0, extract(epoch from (clock_timestamp() - refilled_at))::float8))
                    from guessing_budget where id = 1) as tokens""".formatted(REFILLED);

    /** A correct passphrase: its token goes back and its reference's failures are forgotten. $1 capacity, $2 hash. */
    private static final String SUCCEEDED = """
            with forgotten as (delete from guessing_failure where reference_hash = $2)
            update guessing_budget set tokens = least($1::float8, tokens + 1) where id = 1""";

    /** One more failure on a reference, to the hour; a count a day old starts again. $1 hash. */
    private static final String FAILED = """
            insert into guessing_failure as f (reference_hash, failures, last_failed_at)
            values ($1, 1, date_trunc('hour', clock_timestamp()))
            on conflict (reference_hash) do update
                set failures = case when f.last_failed_at < excluded.last_failed_at - interval '1 day' then 1
                                    else least(f.failures + 1, %d) end,
                    last_failed_at = excluded.last_failed_at
            returning failures""".formatted(MAX_COUNT);

    /*
     * Deletes at most two forgotten rows (of other references). Each failure runs it once, and
     * each failure adds at most one row, so forgotten rows go at least as fast as rows come:
     * the table holds about a day's budget of failures at most, however many made-up
     * references a flood tries. Its own statement, after the failure's: a statement that held
     * its own reference's row and waited for another would risk a deadlock.
     */
    private static final String FORGET = """
            delete from guessing_failure where reference_hash in (
                select reference_hash from guessing_failure
                where last_failed_at < date_trunc('hour', clock_timestamp()) - interval '1 day'
                limit 2 for update skip locked)""";

    private final Pool pool;
    private final double capacity;
    private final double refillPerSecond;
    private final int freeFailures;
    private final Duration maxDelay;

    @Inject
    public GuessingThrottle(Pool pool, TiplineConfig config) {
        this(pool, config.followup().failedSigninsPerMinute(), config.followup().freeFailuresPerReference(),
                config.followup().maxFailureDelay());
    }

    GuessingThrottle(Pool pool, int failuresPerMinute, int freeFailures, Duration maxDelay) {
        if (failuresPerMinute < 1) {
            throw new IllegalStateException("tipline cannot start: tipline.followup.failed-signins-per-minute must be at least 1",
                    null);
        }
        this.pool = pool;
        // A burst of a tenth of a minute's budget, then the steady rate.
        this.capacity = Math.max(1, failuresPerMinute / 10.0);
        this.refillPerSecond = failuresPerMinute / 60.0;
        this.freeFailures = Math.max(0, freeFailures);
        this.maxDelay = maxDelay;
    }

    /**
     * Takes a token for one sign-in attempt: {@link Duration#ZERO} when granted, else how
     * long until one is free.
     */
    public Uni<Duration> reserve() {
        return guarded(pool.preparedQuery(RESERVE).execute(Tuple.of(capacity, refillPerSecond)).map(rows -> {
            Row row = rows.iterator().next();
            if (row.getBoolean("granted")) {
                return Duration.ZERO;
            }
            Double tokens = row.getDouble("tokens");
            double missing = 1 - (tokens == null ? 0 : Math.min(tokens, 1));
            return Duration.ofNanos(Math.max(1, (long) Math.ceil(missing / refillPerSecond * 1e9)));
        }));
    }

    /** The attempt succeeded: its token goes back, and the reference's failures are forgotten. */
    public Uni<Void> succeeded(String reference) {
        return guarded(pool.preparedQuery(SUCCEEDED).execute(Tuple.tuple().addDouble(capacity).addBuffer(hash(reference))).replaceWithVoid());
    }

    /** The attempt failed: its token stays spent. Gives how long to hold the answer. */
    public Uni<Duration> failed(String reference) {
        return guarded(pool.preparedQuery(FAILED).execute(Tuple.tuple().addBuffer(hash(reference)))
                .map(rows -> rows.iterator().next().getInteger("failures"))
                .call(() -> pool.query(FORGET).execute())
                .map(this::delayAfter));
    }

    private Duration delayAfter(int failures) {
        int over = failures - freeFailures;
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = Duration.ofSeconds(1L << Math.min(over - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** The documented budget: failed sign-ins per minute, sustained. */
    public double sustainedPerMinute() {
        return refillPerSecond * 60;
    }

    public double burst() {
        return capacity;
    }

    /** Database trouble becomes 503, and a hung database does not hang the sign-in. */
    private static <T> Uni<T> guarded(Uni<T> query) {
        return StoreDeadline.within(query).onFailure().transform(StorageUnavailableException::new);
    }

    /** The reference as typed, known or not, hashed: the table never holds a reference. */
    private static Buffer hash(String reference) {
        try {
            return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(reference.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
