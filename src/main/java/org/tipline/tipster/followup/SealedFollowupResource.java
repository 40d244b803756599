package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.platform.problem.Problem;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The sealed follow-up (docs/crypto.md, section 8): for a tip whose front end sealed it with
 * envelope version 2, the tipster's browser signs in with an Ed25519 signature derived from
 * the passphrase, reads the mailbox as ciphertexts and seals its answers. No passphrase,
 * dialogue key or message in clear reaches intake. Served by the intake role.
 */
@Path("/api/v1/followup/sealed")
@Tag(name = "follow-up")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "503", description = "Busy or storage unavailable; see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SealedFollowupResource {

    private final SealedFollowupService sealed;

    public SealedFollowupResource(SealedFollowupService sealed) {
        this.sealed = sealed;
    }

    @POST
    @Path("/kdf")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "How a reference signs in, and the Argon2id cost and salt to derive with",
            description = "A sealed tip answers its stored tipsterKdf; a tip whose tipster signs in with the passphrase "
                    + "answers passphrase. Any other reference answers a decoy of the sealed form, the same at every "
                    + "ask, so the answer does not tell whether a sealed tip exists.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SealedFollowupViews.KdfRequest.class),
            examples = @ExampleObject(name = "reference", value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\"}")))
    @APIResponse(responseCode = "200", description = "How to sign in", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SealedFollowupViews.Kdf.class),
            examples = @ExampleObject(name = "sealed", value = "{\"signIn\":\"sealed\","
                    + "\"tipsterKdf\":\"$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0c2FsdA\"}")))
    @APIResponse(responseCode = "400", description = "Not a tip reference (invalid-field), or a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SealedFollowupViews.Kdf> kdf(@Valid @NotNull SealedFollowupViews.KdfRequest request) {
        return sealed.kdf(request.reference());
    }

    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in with the Ed25519 sign-in key and get a sealed session token",
            description = "The signature covers tipline/followup/sealed-signin/v1/<canonical reference>/<challenge>, "
                    + "where <challenge> is the challenge (lower-case hex) of the solved proof-of-work sent in "
                    + "X-Tipline-Proof, so it is good once. The answer carries the wrapped dialogue key for the browser "
                    + "to open. The token opens the sealed mailbox for 15 minutes.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SealedFollowupViews.SignInRequest.class),
            examples = @ExampleObject(name = "signature", value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\","
                    + "\"signature\":\"q8mXcY7Lk0m3cZb6a1vWm0Q1kYk3y6u1m0C6S2m4d8n1y2cQ7v9fJ1k6a0b4Zx3q8u1d0T2n6m3cR5y7Vw9ZBg==\"}")))
    @APIResponse(responseCode = "201", description = "Signed in", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SealedFollowupViews.Session.class),
            examples = @ExampleObject(name = "session", value = "{\"token\":\"tlf_Zm9yIGV4YW1wbGUgb25seSwgbm90IGEgcmVhbCB0b2tlbg\","
                    + "\"expiresAt\":\"2026-11-26T18:15:00Z\",\"tipId\":\"0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90\","
                    + "\"tipsterKey\":\"0rj5Kq2mY1xv0c3Zb7q8y3pQm8c2x1v5b7n3m9q2w4e6r8t0y2u4i6o8p0a2s4d6f8g0h2j4k6l8z0x2c4v6\"}")))
    @APIResponse(responseCode = "400", description = "A malformed reference or signature (invalid-field), or a "
            + "proof-of-work that is missing, invalid, expired, replayed or too easy",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The signature does not open a mailbox. Unknown reference, wrong "
            + "signature and erased access all get this same answer.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins across the service; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<SealedFollowupViews.Session>> startSession(
            @Valid @NotNull SealedFollowupViews.SignInRequest request,
            @Parameter(in = ParameterIn.HEADER, name = ProofOfWork.HEADER, required = true, description = "A solved "
                    + "challenge from GET /api/v1/challenge (docs/proof-of-work.md); its challenge is signed")
            @HeaderParam(ProofOfWork.HEADER) String proof) {
        return sealed.startSession(request, proof)
                .map(session -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, session).build());
    }

    @GET
    @SecurityRequirement(name = FollowupResource.SESSION)
    @Operation(summary = "Read the sealed mailbox: status, reward and the conversation as ciphertexts")
    @APIResponse(responseCode = "200", description = "The mailbox", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SealedFollowupViews.Mailbox.class),
            examples = @ExampleObject(name = "question", summary = "A question from the office (ciphertext shortened)",
                    value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\",\"tipId\":\"0b7f7a3e-4c1d-4a52-9f57-2a1c8e6d3b90\","
                    + "\"status\":\"more-information-needed\",\"dialogue\":\"open\",\"formatVersion\":1,"
                    + "\"nextNumber\":2,\"reward\":null,\"messages\":[{\"number\":1,\"from\":\"office\","
                    + "\"sentAt\":\"2026-11-26T14:00:00Z\",\"ciphertext\":\"3q2+7wAAAAAAAAAA...\"}]}")))
    @APIResponse(responseCode = "401", description = "The token is unknown or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<SealedFollowupViews.Mailbox> mailbox(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return sealed.mailbox(authorization);
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = FollowupResource.SESSION)
    @Operation(summary = "Answer the office with a message the browser sealed",
            description = "Sealed under the dialogue key for the mailbox's nextNumber; stored as it came.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SealedFollowupViews.NewMessage.class),
            examples = @ExampleObject(name = "answer", summary = "A sealed answer (ciphertext shortened)",
                    value = "{\"number\":2,\"ciphertext\":\"q83vEjRWeJq83vEj...\"}")))
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowupViews.MessageReceipt.class),
            examples = @ExampleObject(name = "receipt", value = "{\"number\":2,\"sentAt\":\"2026-11-26T18:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "A ciphertext that is not base64 of 28 bytes plus a multiple of "
            + "256 (sealed-malformed), or a malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "The token is unknown or expired",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The office has closed the conversation (conflict), or the number "
            + "is not the next one (message-number-taken)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Longer than the longest message (sealed-too-large)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<FollowupViews.MessageReceipt>> reply(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Valid @NotNull SealedFollowupViews.NewMessage message) {
        return sealed.reply(authorization, message)
                .map(receipt -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, receipt).build());
    }
}
