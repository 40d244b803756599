package org.tipline.tipster.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the tipster gets back for a stored tip. Front ends must show all of it, once. */
@Schema(name = "TipReceipt")
public record TipReceipt(
        @Schema(required = true, description = "The tip's reference, to quote when coming back", examples = "TIP-7KQ3-9XHD-M2PF-4RTA")
        String reference,
        @Schema(required = true, description = "The day the tip was received (UTC), as YYYY-MM-DD", examples = "2026-11-25")
        String receivedOn,
        @Schema(required = true, description = "The follow-up passphrase: seven words that, with the reference, open the tipster's "
                + "mailbox. Shown only in this answer; tipline keeps no copy it could show again or reset.",
                examples = "ample rumble oyster cosmic verdict lather bluff")
        String passphrase,
        @Schema(required = true, description = "The words to show the tipster beside the reference and passphrase")
        String notice) {

    public static final String NOTICE = "Write down your tip reference and passphrase now, and keep them private. "
            + "They are shown only this once. Nobody can recover or reset them, not even Crime Stoppers: without "
            + "them you cannot read questions about your tip, answer them or claim a reward.";

    /** Never the passphrase. */
    @Override
    public String toString() {
        return "TipReceipt[reference=" + reference + ", receivedOn=" + receivedOn + "]";
    }
}
