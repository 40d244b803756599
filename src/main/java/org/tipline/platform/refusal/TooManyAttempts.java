package org.tipline.platform.refusal;

import java.time.Duration;

/** A budget of attempts is spent (failed sign-ins across the service); try again after {@link #waitSeconds()}. */
public final class TooManyAttempts extends Refusal {

    private final long waitSeconds;

    public TooManyAttempts(Duration wait, String detail) {
        super(detail);
        this.waitSeconds = seconds(wait);
    }

    /** The wait in whole seconds, rounded up, at least one. */
    public long waitSeconds() {
        return waitSeconds;
    }

    /** A wait in whole seconds as it is told to the client: rounded up, at least one. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
