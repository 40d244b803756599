package org.tipline.tipster.proof;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tipline.platform.problem.Problem;

/** Where a front end fetches a proof-of-work challenge before it posts a tip or signs in with a passphrase. */
@Path("/api/v1/challenge")
@Tag(name = "intake")
public class ChallengeResource {

    private final ProofOfWork proofs;

    public ChallengeResource(ProofOfWork proofs) {
        this.proofs = proofs;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a proof-of-work challenge",
            description = "An ALTCHA challenge (SHA-256), as the npm 'altcha' widget reads it from its challengeurl. "
                    + "Find the number n from 0 to maxnumber whose SHA-256 of salt followed by n in decimal is the "
                    + "challenge, then send base64 of {\"algorithm\",\"challenge\",\"number\",\"salt\",\"signature\"} "
                    + "in the X-Tipline-Proof header of the tip or passphrase sign-in. A solution counts once and "
                    + "until the challenge expires (10 minutes by default). The difficulty rises while many tips "
                    + "arrive. Never cached.")
    @APIResponse(responseCode = "200", description = "A fresh challenge",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChallengeView.class),
                    examples = @ExampleObject(name = "challenge", value = "{\"algorithm\":\"SHA-256\","
                            + "\"challenge\":\"4e2b0c6bd1e5d6a7e0f1c2b3a4958677e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3\","
                            + "\"maxnumber\":100000,\"salt\":\"5f1d2c3b4a5968778695a4b3?d=100000&expires=1798760000&g=20811\","
                            + "\"signature\":\"9a8b7c6d5e4f30211f2e3d4c5b6a79880f1e2d3c4b5a69788796a5b4c3d2e1f0\"}")))
    @APIResponse(responseCode = "503", description = "Storage unavailable; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ChallengeView> challenge() {
        return proofs.challenge();
    }
}
