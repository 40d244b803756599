package org.tipline.office.review;

import java.time.Instant;

/** Optional conditions on a tip listing, and where the page starts when paging by cursor. */
public record TipFilter(String status, String category, String assignee, Instant receivedFrom, Instant receivedTo,
        TipCursor after) {
}
