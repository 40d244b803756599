package org.tipline.tipster.intake;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.platform.problem.Problem;
import org.tipline.tipster.proof.ProofOfWork;

/** Where front ends post tips. */
@Path("/api/v1/tips")
@SecurityScheme(securitySchemeName = TipResource.CHANNEL_KEY, type = SecuritySchemeType.APIKEY,
        in = SecuritySchemeIn.HEADER, apiKeyName = "X-Tipline-Channel-Key",
        description = "The front end's channel key, tlc_... (docs/channels.md). It names the front end, never the "
                + "tipster. Without it a tip counts as the built-in page's (channel web), where the operator allows "
                + "that.")
@Tag(name = "intake")
public class TipResource {

    static final String CHANNEL_KEY = "channelKey";

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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TipSubmission.class),
            examples = {
                @ExampleObject(name = "short", summary = "Only what is required",
                        value = "{\"category\":\"drugs\",\"description\":\"Cars stop at the blue house on Elm Street "
                                + "for two minutes every night after 11.\"}"),
                @ExampleObject(name = "full", summary = "With place, time, language and a questionnaire",
                        value = "{\"category\":\"theft\",\"description\":\"Two men load bicycles into a white van "
                                + "behind the mall.\",\"location\":\"Riverside Mall, loading dock B\","
                                + "\"occurredAt\":\"2026-11-20T21:30\",\"language\":\"en\","
                                + "\"details\":{\"vehicle\":\"white van, partial plate 7KX\"}}")}))
    @APIResponse(responseCode = "201", description = "Stored and committed; show the reference and passphrase to the "
            + "tipster now, they are never shown again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TipReceipt.class),
                    examples = @ExampleObject(name = "receipt", value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\","
                            + "\"receivedOn\":\"2026-11-25\",\"passphrase\":\"ample rumble oyster cosmic verdict "
                            + "lather bluff\",\"notice\":\"Write down your tip reference and passphrase now, and keep "
                            + "them private. They are shown only this once.\"}")))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a field that breaks the schema, or an unknown "
            + "category; or a proof-of-work that is missing (proof-missing), not a valid solution (proof-invalid), "
            + "expired (proof-expired), already used (proof-replayed) or easier than now required (proof-too-easy)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The channel key is unknown, malformed or revoked, or this "
            + "tipline takes no tips without a key (problem type channel-key); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A channel's key sent from a browser origin the channel does not "
            + "list: nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The channel has used its quota of tips for the hour "
            + "(quota-spent); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body larger than the limit (320 KiB by default)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content type other than application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Storage unavailable; nothing was stored, retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirementsSet(@SecurityRequirement(name = CHANNEL_KEY))
    @SecurityRequirementsSet
    public Uni<RestResponse<TipReceipt>> submit(@Valid @NotNull TipSubmission submission,
            @Context HttpHeaders headers,
            @Parameter(in = ParameterIn.HEADER, name = ProofOfWork.HEADER, description = "A solved challenge from "
                    + "GET /api/v1/challenge: base64 of the ALTCHA payload JSON (docs/proof-of-work.md). Required "
                    + "unless the channel is a trusted partner that skips it.")
            @HeaderParam(ProofOfWork.HEADER) String proof) {
        return intake.submit(submission, channelKey(headers), proof)
                .map(receipt -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, receipt)
                        .build());
    }

    /**
     * The channel key as sent: null when the header is absent, and the empty string when it
     * is present but empty, which is then refused like any other malformed key (a header
     * parameter would read an empty value as absent, and take the tip as keyless).
     */
    public static String channelKey(HttpHeaders headers) {
        java.util.List<String> values = headers.getRequestHeader("X-Tipline-Channel-Key");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
