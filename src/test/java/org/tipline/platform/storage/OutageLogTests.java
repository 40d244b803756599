package org.tipline.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageLogTests {

    private long now = 5_000_000_000L;

    @Test
    void theFirstRefusalIsLoggedThenOneLineEveryTenSecondsWithTheCount() {
        OutageLog log = new OutageLog(() -> now);
        assertThat(log.refused(new ConnectException("x"))).isEqualTo("storage unavailable: ConnectException");
        for (int i = 0; i < 500; i++) {
            now += Duration.ofMillis(10).toNanos();
            assertThat(log.refused(new ConnectException("x"))).isNull();
        }
        now += Duration.ofSeconds(6).toNanos();
        assertThat(log.refused(new ConnectException("x")))
                .isEqualTo("storage unavailable: ConnectException (501 requests refused since the last line)");
        assertThat(log.refused(null)).isNull();
    }
}
