package org.tipline.office.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTests {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAccountWaitsLongerAfterEachFailureBeyondThree() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock, 1_000);
        for (int i = 0; i < 3; i++) {
            throttle.failed("ann");
            assertThat(throttle.waitBefore("ann")).isZero();
        }
        throttle.failed("ann");
        assertThat(throttle.waitBefore("ann")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("ann");
        assertThat(throttle.waitBefore("ann")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ann");
        }
        assertThat(throttle.waitBefore("ann")).isEqualTo(LoginThrottle.MAX_WAIT);
        assertThat(throttle.waitBefore("bob")).as("other accounts are not slowed").isZero();

        throttle.succeeded("ann");
        assertThat(throttle.waitBefore("ann")).isZero();
    }

    @Test
    void oldFailuresAreForgivenAfterADay() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock, 1_000);
        for (int i = 0; i < 3; i++) {
            throttle.failed("cid");
        }
        clock.now = clock.now.plus(Duration.ofDays(2));
        throttle.failed("cid");
        assertThat(throttle.waitBefore("cid")).as("counted afresh").isZero();
    }

    @Test
    void theGlobalBudgetSlowsEveryAccountUntilTheMinuteEnds() {
        ManualClock clock = new ManualClock();
        LoginThrottle throttle = new LoginThrottle(clock, 5);
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i);
        }
        assertThat(throttle.waitBefore("fresh")).isEqualTo(Duration.ofMinutes(1));
        clock.now = clock.now.plusSeconds(45);
        assertThat(throttle.waitBefore("fresh")).isEqualTo(Duration.ofSeconds(15));
        clock.now = clock.now.plusSeconds(15);
        assertThat(throttle.waitBefore("fresh")).isZero();
    }
}
