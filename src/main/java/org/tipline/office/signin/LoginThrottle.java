package org.tipline.office.signin;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
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
 * Slows down password guessing against office accounts, per account and globally, without
 * looking at who is asking. The per-account state is kept for every username tried, known
 * or not, so the answers never tell which accounts exist.
 *
 * <p>The state lives in PostgreSQL (the unlogged tables login_window and login_failure,
 * V11), so every review process on the database shares it and a restart keeps it. Each step
 * is one statement in autocommit, outside any Hibernate session or transaction, timed by
 * the database's clock. A username is stored only as its SHA-256. A database error refuses
 * the login with {@link StorageUnavailableException} (503).
 */
@ApplicationScoped
public class LoginThrottle {

    /** Failures an account may have before each further attempt must wait. */
    static final int FREE_FAILURES = 3;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGIVE_AFTER = Duration.ofDays(1);
    private static final int MAX_COUNT = 1_000_000;

    /** The longer of the global window's wait (when its budget is spent) and the account's. $1 hash, $2 budget. */
    private static final String WAIT = """
            select greatest(0,
                (select extract(epoch from (started_at + interval '1 minute' - clock_timestamp()))
                    from login_window where id = 1 and failures >= $2),
                (select extract(epoch from (not_before - clock_timestamp()))
                    from login_failure where username_hash = $1))::float8 as wait""";

    /* The account's failures after this one: a day past its last wait, the count starts again. */
    private static final String COUNT = "case when f.not_before < excluded.not_before - interval '%s' then 1 "
            + "else least(f.failures + 1, %d) end";
    /*
     * When the account's next attempt may come after {@code count} failures: now (to the second)
     * for the first three, then 1 s, 2 s, 4 s ... later, rounded up to the next second, and never
     * more than MAX_WAIT from now.
     */
    private static final String NOT_BEFORE = "case when %1$s > %2$d then least("
            + "date_trunc('second', clock_timestamp() + interval '1 second' * power(2, least(%1$s - %2$d - 1, 20))) "
            + "+ interval '1 second', date_trunc('second', clock_timestamp()) + interval '%3$d seconds') "
            + "else date_trunc('second', clock_timestamp()) end";

    /**
     * One more failure: counted in the minute's window (a new window when the last began a
     * minute ago or more) and for the account, whose next attempt waits once it is past its
     * free failures. Times to the second. $1 hash.
     */
    private static final String FAILED;

    static {
        String count = COUNT.formatted(FORGIVE_AFTER.toSeconds() + " seconds", MAX_COUNT);
        FAILED = """
                with counted as (
                    insert into login_window as w (id, started_at, failures)
                    values (1, date_trunc('second', clock_timestamp()), 1)
                    on conflict (id) do update
                        set started_at = case when w.started_at <= excluded.started_at - interval '1 minute'
                                              then excluded.started_at else w.started_at end,
                            failures = case when w.started_at <= excluded.started_at - interval '1 minute'
                                            then 1 else w.failures + 1 end)
                insert into login_failure as f (username_hash, failures, not_before)
                values ($1, 1, date_trunc('second', clock_timestamp()))
                on conflict (username_hash) do update
                    set failures = %1$s,
                        not_before = %2$s""".formatted(count,
                NOT_BEFORE.formatted("(" + count + ")", FREE_FAILURES, MAX_WAIT.toSeconds()));
    }

    private static final String SUCCEEDED = "delete from login_failure where username_hash = $1";

    /*
     * Deletes at most two forgiven rows of other usernames after each failure: each failure adds
     * at most one row, so the table holds about a day's failures at most. In its own statement,
     * so that no statement holds one account's row while it waits for another's.
     */
    private static final String FORGET = """
            delete from login_failure where username_hash in (
                select username_hash from login_failure
                where not_before < date_trunc('second', clock_timestamp()) - interval '%d seconds'
                limit 2 for update skip locked)""".formatted(FORGIVE_AFTER.toSeconds());

    private final Pool pool;
    private final int globalPerMinute;

    @Inject
    public LoginThrottle(Pool pool, TiplineConfig config) {
        this(pool, config.review().failedLoginsPerMinute());
    }

    LoginThrottle(Pool pool, int globalPerMinute) {
        this.pool = pool;
        this.globalPerMinute = globalPerMinute;
    }

    /** How long the caller must wait before trying {@code username}, or {@link Duration#ZERO}. */
    public Uni<Duration> waitBefore(String username) {
        return guarded(pool.preparedQuery(WAIT).execute(Tuple.tuple().addBuffer(hash(username)).addInteger(globalPerMinute))
                .map(rows -> {
                    double seconds = rows.iterator().next().getDouble("wait");
                    return seconds <= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(seconds * 1e9));
                }));
    }

    public Uni<Void> failed(String username) {
        return guarded(pool.preparedQuery(FAILED).execute(Tuple.tuple().addBuffer(hash(username)))
                .chain(() -> pool.query(FORGET).execute())
                .replaceWithVoid());
    }

    public Uni<Void> succeeded(String username) {
        return guarded(pool.preparedQuery(SUCCEEDED).execute(Tuple.tuple().addBuffer(hash(username))).replaceWithVoid());
    }

    private static <T> Uni<T> guarded(Uni<T> query) {
        return StoreDeadline.within(query).onFailure().transform(StorageUnavailableException::new);
    }

    /** The username as typed, an account or not, hashed: the table never holds a username. */
    private static Buffer hash(String username) {
        try {
            return Buffer.buffer(MessageDigest.getInstance("SHA-256").digest(username.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
