package org.tipline.tipster.intake;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.platform.problem.Problem;

/** Where front ends post tips. */
@Path("/api/v1/tips")
@Tag(name = "intake")
public class TipResource {

    private final IntakeService intake;

    public TipResource(IntakeService intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a tip",
            description = "Stores the tip encrypted to the office key and answers once it is committed. "
                    + "Origin data (IP address, forwarding headers, user agent, cookies, referrer) is removed "
                    + "before the request reaches this code and is never stored.")
    @APIResponse(responseCode = "201", description = "Stored; keep the reference",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TipReceipt.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that breaks the schema, or an unknown category",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The channel key is unknown, malformed or revoked, or this "
            + "tipline takes no tips without a key (problem type channel-key); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit (64 KiB by default)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content type other than application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Storage unavailable; nothing was stored, retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<TipReceipt>> submit(@Valid @NotNull TipSubmission submission,
            @Parameter(description = "The front end's channel key (docs/channels.md); without it the tip counts as "
                    + "the built-in page's, where the operator allows that")
            @HeaderParam("X-Tipline-Channel-Key") String channelKey) {
        return intake.submit(submission, channelKey)
                .map(receipt -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, receipt)
                        .build());
    }
}
