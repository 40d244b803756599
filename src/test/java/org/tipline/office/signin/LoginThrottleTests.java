package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.platform.storage.EmbeddedDatabase.Login;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.testing.ProcessPools;
import org.tipline.testing.TestDatabase;
import org.tipline.testing.ThrottleRows;

/**
 * The office login throttle on the test database. Each throttle has a pool of its own with
 * the review login, as a separate review process would; times are the database's, stored to
 * the second: an account's wait of n seconds is rounded up (more than n, at most n + 1, never
 * more than {@link LoginThrottle#MAX_WAIT}), and the global window starts on a whole second.
 * Time passes by ageing rows.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class LoginThrottleTests {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    private final ThrottleRows rows;
    private final ProcessPools pools = new ProcessPools();

    LoginThrottleTests(AgroalDataSource dataSource) {
        this.rows = new ThrottleRows(dataSource);
    }

    @BeforeEach
    @AfterEach
    void emptyTheThrottles() {
        rows.clear();
    }

    @AfterEach
    void closePools() {
        pools.close();
    }

    private LoginThrottle process(int globalPerMinute) {
        return new LoginThrottle(pools.open(Login.REVIEW), globalPerMinute);
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(AWAIT);
    }

    /**
     * A wait of at most {@code seconds} and at most two short of it: the cap, or a window that began
     * on a whole second at the minute's first failure, a moment before the test asks.
     */
    private static void assertWait(Duration wait, long seconds) {
        assertThat(wait).isGreaterThan(Duration.ofSeconds(seconds - 2)).isLessThanOrEqualTo(Duration.ofSeconds(seconds));
    }

    /** An account's wait of {@code seconds}, rounded up to a whole second (less what the test itself took since). */
    private static void assertAccountWait(Duration wait, long seconds) {
        assertThat(wait).isGreaterThan(Duration.ofSeconds(seconds - 1)).isLessThanOrEqualTo(Duration.ofSeconds(seconds + 1));
    }

    @Test
    void anAccountWaitsLongerAfterEachFailureBeyondThree() {
        LoginThrottle throttle = process(1_000);
        for (int i = 0; i < 3; i++) {
            await(throttle.failed("ann"));
            assertThat(await(throttle.waitBefore("ann"))).isZero();
        }
        await(throttle.failed("ann"));
        assertAccountWait(await(throttle.waitBefore("ann")), 1);
        await(throttle.failed("ann"));
        assertAccountWait(await(throttle.waitBefore("ann")), 2);
        for (int i = 0; i < 30; i++) {
            await(throttle.failed("ann"));
        }
        assertWait(await(throttle.waitBefore("ann")), LoginThrottle.MAX_WAIT.toSeconds());
        assertThat(await(throttle.waitBefore("bob"))).as("other accounts are not slowed").isZero();
        assertThat(rows.count("select count(*) from login_failure where username_hash = sha256('ann'::bytea)"))
                .as("kept by the username's hash only").isEqualTo(1);

        await(throttle.succeeded("ann"));
        assertThat(await(throttle.waitBefore("ann"))).isZero();
        assertThat(rows.count("select count(*) from login_failure")).as("a success deletes the row").isZero();
    }

    @Test
    void oldFailuresAreForgivenAfterADayAndTheirRowsDeleted() {
        LoginThrottle throttle = process(1_000);
        for (int i = 0; i < 3; i++) {
            await(throttle.failed("cid"));
        }
        rows.execute("update login_failure set not_before = not_before - interval '2 days'");
        await(throttle.failed("cid"));
        assertThat(await(throttle.waitBefore("cid"))).as("counted afresh").isZero();

        for (String username : new String[] {"made-up-1", "made-up-2", "made-up-3"}) {
            await(throttle.failed(username));
        }
        rows.execute("update login_failure set not_before = not_before - interval '2 days'");
        await(throttle.failed("dee"));
        await(throttle.failed("dee"));
        assertThat(rows.count("select count(*) from login_failure")).as("each failure deletes two forgiven rows").isEqualTo(1);
    }

    @Test
    void theGlobalBudgetSlowsEveryAccountUntilTheMinuteEnds() {
        LoginThrottle throttle = process(5);
        for (int i = 0; i < 5; i++) {
            await(throttle.failed("user" + i));
        }
        assertWait(await(throttle.waitBefore("fresh")), 60);
        rows.execute("update login_window set started_at = started_at - interval '45 seconds'");
        assertWait(await(throttle.waitBefore("fresh")), 15);
        rows.execute("update login_window set started_at = started_at - interval '15 seconds'");
        assertThat(await(throttle.waitBefore("fresh"))).isZero();
        await(throttle.failed("user5"));
        assertThat(await(throttle.waitBefore("fresh"))).as("a new minute, a new budget").isZero();
    }

    @Test
    void twoReviewProcessesShareTheAccountsBackoffAndTheGlobalWindow() {
        LoginThrottle first = process(5);
        LoginThrottle second = process(5);
        for (int i = 0; i < 2; i++) {
            await(first.failed("eve"));
            await(second.failed("eve"));
        }
        assertAccountWait(await(first.waitBefore("eve")), 1);
        assertAccountWait(await(second.waitBefore("eve")), 1);

        await(second.failed("fay")); // the fifth failure of the minute, across both
        assertWait(await(first.waitBefore("gil")), 60);
        assertWait(await(second.waitBefore("gil")), 60);

        pools.close();
        LoginThrottle restarted = process(5);
        assertWait(await(restarted.waitBefore("gil")), 60);
    }

    @Test
    void aDatabaseErrorRefusesTheLoginAsStorageUnavailable() {
        Pool pool = pools.open(Login.REVIEW);
        LoginThrottle throttle = new LoginThrottle(pool, 5);
        pool.closeAndAwait();
        assertThatThrownBy(() -> await(throttle.waitBefore("hal"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> await(throttle.failed("hal"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> await(throttle.succeeded("hal"))).isInstanceOf(StorageUnavailableException.class);
    }
}
