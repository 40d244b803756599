package org.tipline.tipster.sealed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a front end gets back for a stored sealed tip: no passphrase, since the front end drew it. */
@Schema(name = "SealedTipReceipt")
public record SealedTipReceipt(
        @Schema(required = true, description = "The tip's reference: the binding's", examples = "TIP-7KQ3-9XHD-M2PF-4RTA")
        String reference,
        @Schema(required = true, description = "The day the tip was received (UTC), as YYYY-MM-DD", examples = "2026-11-25")
        String receivedOn) {
}
