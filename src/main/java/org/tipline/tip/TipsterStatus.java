package org.tipline.tip;

/**
 * What the tipster is told of a tip's progress. Only four words: the office's own
 * statuses (forwarded, actioned, spam, ...) and dispositions stay inside the office.
 */
public final class TipsterStatus {

    public static final String RECEIVED = "received";
    public static final String UNDER_REVIEW = "under-review";
    public static final String MORE_INFORMATION_NEEDED = "more-information-needed";
    public static final String CLOSED = "closed";

    private TipsterStatus() {
    }

    /**
     * @param officeStatus        the tip's status in the office
     * @param awaitingTipster     the last message of an open dialogue is the office's
     */
    public static String of(TipStatus officeStatus, boolean awaitingTipster) {
        if (officeStatus == TipStatus.CLOSED || officeStatus == TipStatus.SPAM) {
            return CLOSED;
        }
        if (awaitingTipster) {
            return MORE_INFORMATION_NEEDED;
        }
        return officeStatus == TipStatus.NEW ? RECEIVED : UNDER_REVIEW;
    }
}
