package org.tipline.tipster.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forms a tip's occurredAt may take: ISO-8601, checked without an exception for a valid value. */
class OccurredAtFormTests {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-20", "2026-11", "2026-11-20T21:30", "2026-11-20T21:30:15",
        "2026-11-20T21:30Z", "2026-11-20T21:30:15.5+01:00", "2024-02-29", "+12026-11-20"})
    void isoDatesAndDateTimesAreTaken(String value) {
        assertThat(IntakeService.isIsoDateOrDateTime(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-20T25:00",
        "2026-11-20 21:30", "2026-11-20T21:30 ", "2026-11-20x", "20261120", "2026-1", "2026-11-20T21:30+25:00",
        "12026-11-20"})
    void anythingElseIsRefused(String value) {
        assertThat(IntakeService.isIsoDateOrDateTime(value)).isFalse();
    }
}
