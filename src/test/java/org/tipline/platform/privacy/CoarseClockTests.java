package org.tipline.platform.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CoarseClockTests {

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void truncatesToTheGranularity() {
        assertThat(new CoarseClock(at("2026-11-25T13:47:12.345Z"), Duration.ofHours(1)).now())
                .isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(new CoarseClock(at("2026-11-25T13:47:12.345Z"), Duration.ofMinutes(15)).now())
                .isEqualTo(Instant.parse("2026-11-25T13:45:00Z"));
        assertThat(new CoarseClock(at("2026-11-25T13:47:12.345Z"), Duration.ofDays(1)).now())
                .isEqualTo(Instant.parse("2026-11-25T00:00:00Z"));
    }

    @Test
    void refusesAGranularityThatDoesNotDivideADay() {
        for (Duration bad : new Duration[] {Duration.ofMinutes(7), Duration.ZERO, Duration.ofNanos(10),
                Duration.ofHours(-1), Duration.ofDays(2)}) {
            assertThatThrownBy(() -> new CoarseClock(at("2026-11-25T13:47:12Z"), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("divide a day");
        }
    }
}
