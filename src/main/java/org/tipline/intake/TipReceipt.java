package org.tipline.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the tipster gets back for a stored tip. */
@Schema(name = "TipReceipt")
public record TipReceipt(
        @Schema(description = "The tip's reference, to quote when coming back", examples = "TIP-7KQ3-9XHD-M2PF-4RTA")
        String reference,
        @Schema(description = "The day the tip was received (UTC), as YYYY-MM-DD", examples = "2026-11-25")
        String receivedOn) {
}
