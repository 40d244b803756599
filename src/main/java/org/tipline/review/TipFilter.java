package org.tipline.review;

import java.time.Instant;

/** Optional conditions on a tip listing. */
public record TipFilter(String status, String category, String assignee, Instant receivedFrom, Instant receivedTo) {
}
