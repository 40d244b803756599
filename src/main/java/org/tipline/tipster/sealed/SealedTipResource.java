package org.tipline.tipster.sealed;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.platform.problem.Problem;
import org.tipline.tipster.intake.TipResource;
import org.tipline.tipster.proof.ProofOfWork;

/** Where front ends post tips they sealed themselves, and get a binding to seal to. */
@Path("/api/v1/tips/sealed")
@Tag(name = "intake")
public class SealedTipResource {

    /** The channel-key security scheme that TipResource declares. */
    private static final String CHANNEL_KEY = "channelKey";

    private final SealedTipService sealed;

    public SealedTipResource(SealedTipService sealed) {
        this.sealed = sealed;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a tip sealed by the front end",
            description = "The front end sealed the tip and the dialogue key to the office's primary key, and made the "
                    + "passphrase's verifier and wrapped key itself, all bound to a tip id and reference issued by "
                    + "tipline (the t and r of the X-Tipline-Proof challenge's salt, or a token from "
                    + "GET /api/v1/tips/sealed/binding). tipline checks their form and stores them as they came: it "
                    + "never sees the tip or the passphrase. docs/crypto.md, section 8.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SealedTipEnvelope.class),
            examples = @ExampleObject(name = "x25519", summary = "Sealed to an X25519 office key (ciphertexts shortened)",
                    value = "{\"version\":1,\"tipId\":\"0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90\","
                            + "\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\",\"category\":\"drugs\","
                            + "\"tip\":\"AWQiTfLkY0z2...\",\"officeDialogueKey\":\"AWQiTfJ3wn8c...\","
                            + "\"tipsterKdf\":\"$argon2id$v=19$m=256,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA\","
                            + "\"tipsterVerifier\":\"n3cL0e2X3o8iS3uO6bUu0dY5l4mJ2q7rW1pS9tV0xyA=\","
                            + "\"tipsterKey\":\"q0c2VjcmV0aXZz...\"}")))
    @APIResponse(responseCode = "201", description = "Stored and committed. The front end shows the reference and the "
            + "passphrase it drew; tipline never had the passphrase",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SealedTipReceipt.class),
                    examples = @ExampleObject(name = "receipt",
                            value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\",\"receivedOn\":\"2026-11-25\"}")))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing field or an unknown category; an "
            + "envelope not of the sealed format (sealed-malformed); a ciphertext not sealed to the office's primary key "
            + "(sealed-key-unknown); no binding, or one this service did not issue (binding-invalid) or that expired "
            + "(binding-expired); or a proof-of-work that is missing, invalid, expired, replayed or too easy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The channel key is unknown, malformed or revoked, or this "
            + "tipline takes no tips without a key (channel-key); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "A channel's key sent from a browser origin the channel does not "
            + "list: nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The binding's tip id or reference was used before "
            + "(binding-replayed); nothing was stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is over the limit (too-large), or the sealed tip over "
            + "65,536 bytes of padded plaintext (sealed-too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Content type other than application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "The channel has used its quota of tips for the hour "
            + "(quota-spent); see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Storage unavailable; nothing was stored, retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @SecurityRequirementsSet(@SecurityRequirement(name = CHANNEL_KEY))
    @SecurityRequirementsSet
    public Uni<RestResponse<SealedTipReceipt>> submit(@Valid @NotNull SealedTipEnvelope envelope,
            @Context HttpHeaders headers,
            @Parameter(in = ParameterIn.HEADER, name = ProofOfWork.HEADER, description = "A solved challenge from "
                    + "GET /api/v1/challenge (docs/proof-of-work.md). Required unless the channel is a trusted partner "
                    + "that skips it. Without a binding token, its salt's t and r are the binding.")
            @HeaderParam(ProofOfWork.HEADER) String proof) {
        return sealed.submit(envelope, TipResource.channelKey(headers), proof)
                .map(receipt -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, receipt).build());
    }

    @GET
    @Path("/binding")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a binding to seal a tip to",
            description = "A new tip id and reference, signed and expiring with the proof-of-work challenges (10 minutes "
                    + "by default), for a front end that skips the proof-of-work. A front end that solves one takes the "
                    + "binding from the challenge's salt (t and r) instead. Nothing is stored; a binding is used once, "
                    + "by the tip it creates. Never cached.")
    @APIResponse(responseCode = "200", description = "A fresh binding",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BindingView.class),
                    examples = @ExampleObject(name = "binding", value = "{\"tipId\":\"0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90\","
                            + "\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\",\"expires\":1798760000,"
                            + "\"binding\":\"0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90.TIP-7KQ3-9XHD-M2PF-4RTA.1798760000."
                            + "20819.q3Jb0xJ0wq9U4p6S4m5c5mOq0mC0i9gE6yH1c6dQZxA\"}")))
    @APIResponse(responseCode = "503", description = "Storage unavailable; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BindingView> binding() {
        return sealed.binding();
    }
}
