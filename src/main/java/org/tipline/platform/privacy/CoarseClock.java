package org.tipline.platform.privacy;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.tipline.platform.config.TiplineConfig;

/**
 * The only clock tip handling may read. It hands out times truncated to the configured
 * granularity (an hour by default), so that a stored time cannot be matched against a
 * network log of when someone reached the server.
 */
@Startup // a bad granularity stops the start instead of failing every tip
@ApplicationScoped
public class CoarseClock {

    private final Clock clock;
    private final long granularityMillis;

    @Inject
    public CoarseClock(TiplineConfig config) {
        this(Clock.systemUTC(), config.timeGranularity());
    }

    CoarseClock(Clock clock, Duration granularity) {
        if (granularity.toMillis() <= 0 || Duration.ofDays(1).toMillis() % granularity.toMillis() != 0) {
            throw new IllegalArgumentException(
                    "tipline.time-granularity must be positive and divide a day evenly, such as PT15M, PT1H or P1D");
        }
        this.clock = clock;
        this.granularityMillis = granularity.toMillis();
    }

    /** Now, truncated down to a multiple of the granularity since the epoch (UTC). */
    public Instant now() {
        long millis = clock.millis();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, granularityMillis));
    }

    public static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
