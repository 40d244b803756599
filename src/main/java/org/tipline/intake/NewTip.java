package org.tipline.intake;

import java.time.Instant;
import java.util.UUID;
import org.tipline.crypto.SealedTip;

/** A tip row about to be written: no plaintext, only what the table holds. */
public record NewTip(UUID id, String reference, String program, String category, Instant receivedAt, SealedTip sealed) {
}
