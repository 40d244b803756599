package org.tipline.platform.refusal;

import java.time.Duration;

/** A front end's channel has used up its quota of tips for now; try again after {@link #waitSeconds()}. */
public final class QuotaSpent extends Refusal {

    private final long waitSeconds;

    public QuotaSpent(Duration wait, String detail) {
        super(detail);
        this.waitSeconds = TooManyAttempts.seconds(wait);
    }

    public long waitSeconds() {
        return waitSeconds;
    }
}
