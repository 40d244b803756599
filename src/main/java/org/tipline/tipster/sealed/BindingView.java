package org.tipline.tipster.sealed;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A binding for one sealed submission: seal to this tip id and reference, and send the token with the envelope. */
@Schema(name = "SealedBinding")
public record BindingView(
        @Schema(required = true, description = "The tip id to seal to", examples = "0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90")
        String tipId,
        @Schema(required = true, description = "The tip's reference, bound into the tipster's wrapped key",
                examples = "TIP-7KQ3-9XHD-M2PF-4RTA")
        String reference,
        @Schema(required = true, description = "When the binding expires, Unix seconds", examples = "1798760000")
        long expires,
        @Schema(required = true, description = "The token to send as the envelope's binding",
                examples = "0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90.TIP-7KQ3-9XHD-M2PF-4RTA.1798760000.20819."
                        + "q3Jb0xJ0wq9U4p6S4m5c5mOq0mC0i9gE6yH1c6dQZxA")
        String binding) {
}
