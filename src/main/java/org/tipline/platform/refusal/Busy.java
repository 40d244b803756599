package org.tipline.platform.refusal;

import java.time.Duration;

/** More work is waiting than tipline takes on; nothing was stored. Try again after {@link #waitSeconds()}. */
public final class Busy extends Refusal {

    private final long waitSeconds;

    public Busy(Duration wait, String detail) {
        super(detail);
        this.waitSeconds = TooManyAttempts.seconds(wait);
    }

    public long waitSeconds() {
        return waitSeconds;
    }
}
