package org.tipline.tipster.followup;

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
 * The guessing throttle's arithmetic, on the test database. Each throttle gets a pool of its
 * own, connecting as the intake login, as a separate intake process would: what two of them
 * agree on, they can only have agreed on through PostgreSQL. Time passes by ageing rows.
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class GuessingThrottleTests {

    private static final Duration AWAIT = Duration.ofSeconds(20);

    private final ThrottleRows rows;
    private final ProcessPools pools = new ProcessPools();

    GuessingThrottleTests(AgroalDataSource dataSource) {
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

    /** A throttle as a new intake process would have it: its own pool on the shared database. */
    private GuessingThrottle process(int perMinute) {
        return new GuessingThrottle(pools.open(Login.INTAKE), perMinute, 3, Duration.ofSeconds(30));
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(AWAIT);
    }

    @Test
    void failuresSpendTheGlobalBudgetAndSuccessesGiveTheirTokenBack() {
        GuessingThrottle throttle = process(60); // a burst of 6, then one a second
        for (int i = 0; i < 6; i++) {
            assertThat(await(throttle.reserve())).isZero();
            await(throttle.failed("TIP-" + i));
        }
        Duration wait = await(throttle.reserve());
        assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        rows.execute("update guessing_budget set refilled_at = refilled_at - interval '1.2 seconds'");
        assertThat(await(throttle.reserve())).as("one token refilled").isZero();
        await(throttle.succeeded("TIP-owner"));
        assertThat(await(throttle.reserve())).as("the owner's token came back").isZero();
        assertThat(await(throttle.reserve())).isPositive();
    }

    @Test
    void failuresOnOneReferenceAreHeldLongerAndLongerButASuccessIsNeverHeld() {
        GuessingThrottle throttle = process(1_000_000);
        for (int i = 0; i < 3; i++) {
            assertThat(await(throttle.failed("TIP-A"))).isZero();
        }
        assertThat(await(throttle.failed("TIP-A"))).isEqualTo(Duration.ofSeconds(1));
        assertThat(await(throttle.failed("TIP-A"))).isEqualTo(Duration.ofSeconds(2));
        assertThat(await(throttle.failed("TIP-A"))).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            await(throttle.failed("TIP-A"));
        }
        assertThat(await(throttle.failed("TIP-A"))).isEqualTo(Duration.ofSeconds(30));
        assertThat(await(throttle.failed("TIP-B"))).as("other references are not slowed").isZero();
        // The owner's correct passphrase is checked with a reserved token like any other and
        // answered at once; it also clears the reference's count.
        assertThat(await(throttle.reserve())).isZero();
        await(throttle.succeeded("TIP-A"));
        assertThat(await(throttle.failed("TIP-A"))).isZero();
    }

    @Test
    void failuresAreForgottenAfterADayAndTheirRowsDeleted() {
        GuessingThrottle throttle = process(1_000_000);
        for (int i = 0; i < 5; i++) {
            await(throttle.failed("TIP-C"));
        }
        rows.execute("update guessing_failure set last_failed_at = last_failed_at - interval '25 hours'");
        assertThat(await(throttle.failed("TIP-C"))).as("counted afresh").isZero();
        assertThat(rows.count("select failures from guessing_failure")).isEqualTo(1);

        // A flood of made-up references: each failure deletes up to two forgotten rows, so
        // rows a day old go at least as fast as new ones come.
        for (int i = 0; i < 5; i++) {
            await(throttle.failed("TIP-MADE-UP-" + i));
        }
        rows.execute("update guessing_failure set last_failed_at = last_failed_at - interval '25 hours'");
        await(throttle.failed("TIP-NEW-1"));
        await(throttle.failed("TIP-NEW-2"));
        assertThat(rows.count("select count(*) from guessing_failure where last_failed_at < now() - interval '1 day'"))
                .isEqualTo(2);
        await(throttle.failed("TIP-NEW-3"));
        assertThat(rows.count("select count(*) from guessing_failure where last_failed_at < now() - interval '1 day'"))
                .isZero();
        assertThat(rows.count("select count(*) from guessing_failure")).isEqualTo(3);
    }

    @Test
    void twoIntakeProcessesShareOneBudget() {
        int perMinute = 120; // a burst of 12, then two a second
        GuessingThrottle first = process(perMinute);
        GuessingThrottle second = process(perMinute);
        long started = System.nanoTime();
        int granted = 0;
        for (int i = 0; i < 50; i++) {
            for (GuessingThrottle throttle : new GuessingThrottle[] {first, second}) {
                if (await(throttle.reserve()).isZero()) {
                    granted++;
                    await(throttle.failed("TIP-GUESSED"));
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // One budget: the burst and what refilled meanwhile. Two budgets would be twice the burst.
        assertThat(granted).as("guesses let through in %.1f s", seconds)
                .isGreaterThanOrEqualTo(12)
                .isLessThanOrEqualTo((int) (12 + perMinute / 60.0 * seconds + 1));
    }

    @Test
    void aRestartedProcessStillSeesTheSpentBudgetAndTheReferencesCount() {
        GuessingThrottle before = process(60);
        for (int i = 0; i < 6; i++) {
            assertThat(await(before.reserve())).isZero();
            await(before.failed("TIP-D"));
        }
        pools.close();

        GuessingThrottle after = process(60);
        assertThat(await(after.reserve())).as("the budget is still spent").isPositive();
        assertThat(await(after.failed("TIP-D"))).as("the seventh failure on TIP-D").isEqualTo(Duration.ofSeconds(8));
        assertThat(rows.count("select count(*) from guessing_failure where reference_hash = sha256('TIP-D'::bytea)"))
                .as("stored by its hash only").isEqualTo(1);
    }

    @Test
    void aCrashEmptiesTheTablesAndTheBudgetStartsFull() {
        GuessingThrottle throttle = process(60);
        for (int i = 0; i < 6; i++) {
            await(throttle.reserve());
        }
        assertThat(await(throttle.reserve())).isPositive();
        rows.clear(); // what crash recovery does to an unlogged table
        assertThat(await(throttle.reserve())).as("the missing row is a full bucket").isZero();
    }

    @Test
    void aDatabaseErrorRefusesTheAttemptAsStorageUnavailable() {
        Pool pool = pools.open(Login.INTAKE);
        GuessingThrottle throttle = new GuessingThrottle(pool, 600, 3, Duration.ofSeconds(30));
        pool.closeAndAwait();
        assertThatThrownBy(() -> await(throttle.reserve())).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> await(throttle.failed("TIP-E"))).isInstanceOf(StorageUnavailableException.class);
        assertThatThrownBy(() -> await(throttle.succeeded("TIP-E"))).isInstanceOf(StorageUnavailableException.class);
    }
}
