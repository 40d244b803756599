package org.tipline.tipster.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuessingThrottleTests {

    /** A nanosecond clock the test moves by hand. */
    private long now = 1_000_000_000L;

    private GuessingThrottle throttle(int perMinute) {
        return new GuessingThrottle(perMinute, 3, Duration.ofSeconds(30), () -> now);
    }

    @Test
    void failuresSpendTheGlobalBudgetAndSuccessesGiveTheirTokenBack() {
        GuessingThrottle throttle = throttle(600); // a burst of 60, then 10 a second
        for (int i = 0; i < 60; i++) {
            assertThat(throttle.reserve()).isNull();
            throttle.failed("TIP-" + i);
        }
        Duration wait = throttle.reserve();
        assertThat(wait).isNotNull().isLessThanOrEqualTo(Duration.ofMillis(100));
        now += Duration.ofMillis(100).toNanos();
        assertThat(throttle.reserve()).as("one token refilled").isNull();
        throttle.succeeded("TIP-owner");
        assertThat(throttle.reserve()).as("the owner's token came back").isNull();
        assertThat(throttle.reserve()).isNotNull();
    }

    @Test
    void failuresOnOneReferenceAreHeldLongerAndLongerButASuccessIsNeverHeld() {
        GuessingThrottle throttle = throttle(1_000_000);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.failed("TIP-A")).isZero();
        }
        assertThat(throttle.failed("TIP-A")).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.failed("TIP-A")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.failed("TIP-A")).isEqualTo(Duration.ofSeconds(4));
        for (int i = 0; i < 40; i++) {
            throttle.failed("TIP-A");
        }
        assertThat(throttle.failed("TIP-A")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.failed("TIP-B")).as("other references are not slowed").isZero();
        // The owner's correct passphrase is checked with a reserved token like any other and
        // answered at once; it also clears the reference's count.
        assertThat(throttle.reserve()).isNull();
        throttle.succeeded("TIP-A");
        assertThat(throttle.failed("TIP-A")).isZero();
    }

    @Test
    void failuresAreForgottenAfterADay() {
        GuessingThrottle throttle = throttle(1_000_000);
        for (int i = 0; i < 5; i++) {
            throttle.failed("TIP-C");
        }
        now += Duration.ofDays(1).plusSeconds(1).toNanos();
        assertThat(throttle.failed("TIP-C")).isZero();
    }
}
