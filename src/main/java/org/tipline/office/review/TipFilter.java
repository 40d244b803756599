package org.tipline.office.review;

import java.time.Instant;
import org.tipline.tip.TipStatus;

/** Optional conditions on a tip listing, and where the page starts when paging by cursor. */
public record TipFilter(TipStatus status, String category, String channel, String assignee, Instant receivedFrom, Instant receivedTo,
        TipCursor after) {
}
