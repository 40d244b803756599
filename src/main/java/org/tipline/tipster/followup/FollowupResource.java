package org.tipline.tipster.followup;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.platform.problem.Problem;
import org.tipline.tipster.proof.ProofOfWork;

/**
 * The tipster's way back: their mailbox, opened with the tip reference and passphrase in
 * the {@code Authorization} header, never in a URL. Served by the intake role.
 */
@Path("/api/v1/followup")
@Tag(name = "follow-up", description = "The tipster reads questions, answers them and sees the reward")
@SecuritySchemes({
    @SecurityScheme(securitySchemeName = FollowupResource.PASSPHRASE, type = SecuritySchemeType.HTTP,
            scheme = "Tipster", description = "'Authorization: Tipster <base64 of \"TIP-XXXX-XXXX-XXXX-XXXX:seven word "
                    + "passphrase\">'. Case and spacing of the words do not matter. Each use costs the server one "
                    + "Argon2id derivation; prefer a session token for more than one call. Each use also needs a "
                    + "solved proof-of-work challenge in X-Tipline-Proof (docs/proof-of-work.md)."),
    @SecurityScheme(securitySchemeName = FollowupResource.SESSION, type = SecuritySchemeType.HTTP, scheme = "bearer",
            description = "A tipster session token (tlf_...) from POST /api/v1/followup/session")
})
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "The credential does not open a mailbox. Unknown reference, wrong "
        + "passphrase, erased access and expired token all get this same answer.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "400", description = "A passphrase sign-in without a valid proof-of-work in X-Tipline-Proof: "
        + "proof-missing, proof-invalid, proof-expired, proof-replayed or proof-too-easy",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "429", description = "Too many failed sign-ins across the service; see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "503", description = "Busy or storage unavailable; see Retry-After",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FollowupResource {

    static final String PASSPHRASE = "tipsterPassphrase";
    static final String SESSION = "tipsterSession";

    private final FollowupService followup;

    public FollowupResource(FollowupService followup) {
        this.followup = followup;
    }

    @GET
    @SecurityRequirement(name = PASSPHRASE)
    @SecurityRequirement(name = SESSION)
    @Operation(summary = "Read the mailbox: status, reward and the conversation")
    @APIResponse(responseCode = "200", description = "The mailbox", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowupViews.Mailbox.class),
            examples = @ExampleObject(name = "question-and-reward", value = "{\"reference\":\"TIP-7KQ3-9XHD-M2PF-4RTA\","
                    + "\"status\":\"more-information-needed\",\"dialogue\":\"open\",\"reward\":{\"status\":"
                    + "\"approved\",\"amount\":\"250.00\",\"currency\":\"USD\",\"instructions\":\"Quote the "
                    + "code at any branch of the program's bank.\",\"payoutCode\":\"RWD-4K7P-Q2XM\"},"
                    + "\"messages\":[{\"number\":1,\"from\":\"office\",\"sentAt\":\"2026-11-26T14:00:00Z\","
                    + "\"text\":\"What colour was the van?\"},{\"number\":2,\"from\":\"tipster\",\"sentAt\":"
                    + "\"2026-11-26T18:00:00Z\",\"text\":\"White, with a ladder on the roof.\"}]}")))
    @APIResponse(responseCode = "409", description = "A sealed session (sealed-session): read with "
            + "GET /api/v1/followup/sealed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<FollowupViews.Mailbox>> mailbox(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(ProofOfWork.HEADER) String proof) {
        return followup.mailbox(authorization, proof).map(mailbox -> answer(Response.Status.OK, mailbox));
    }

    @POST
    @Path("/session")
    @SecurityRequirement(name = PASSPHRASE)
    @Operation(summary = "Sign in once with the passphrase and get a short-lived session token",
            description = "The token opens the mailbox for 15 minutes without the passphrase being stretched again.")
    @APIResponse(responseCode = "201", description = "Signed in", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowupViews.Session.class),
            examples = @ExampleObject(name = "session", value = "{\"token\":\"tlf_Zm9yIGV4YW1wbGUgb25seSwgbm90IGEgcmVhbCB0b2tlbg\","
                    + "\"expiresAt\":\"2026-11-26T18:15:00Z\"}")))
    public Uni<RestResponse<FollowupViews.Session>> startSession(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(ProofOfWork.HEADER) String proof) {
        return followup.startSession(authorization, proof).map(session -> answer(Response.Status.CREATED, session));
    }

    @DELETE
    @Path("/session")
    @SecurityRequirement(name = SESSION)
    @Operation(summary = "Sign out: the session token stops working")
    @APIResponse(responseCode = "204", description = "Signed out")
    public Uni<RestResponse<Void>> endSession(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return followup.endSession(authorization).map(ignored -> RestResponse.noContent());
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = PASSPHRASE)
    @SecurityRequirement(name = SESSION)
    @Operation(summary = "Answer the office or add information",
            description = "Encrypted under the tip's dialogue key, which only the office and this mailbox can open.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FollowupViews.NewMessage.class),
            examples = @ExampleObject(name = "answer", value = "{\"text\":\"White, with a ladder on the roof.\"}")))
    @APIResponse(responseCode = "201", description = "Stored, sealed under the tip's dialogue key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowupViews.MessageReceipt.class),
            examples = @ExampleObject(name = "receipt", value = "{\"number\":2,\"sentAt\":\"2026-11-26T18:00:00Z\"}")))
    @APIResponse(responseCode = "409", description = "The office has closed the conversation (conflict), or a sealed "
            + "session, which answers with POST /api/v1/followup/sealed/messages (sealed-session)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<FollowupViews.MessageReceipt>> reply(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @HeaderParam(ProofOfWork.HEADER) String proof,
            @Valid @NotNull FollowupViews.NewMessage message) {
        return followup.reply(authorization, proof, message.text()).map(receipt -> answer(Response.Status.CREATED, receipt));
    }

    @DELETE
    @Path("/access")
    @SecurityRequirement(name = PASSPHRASE)
    @SecurityRequirement(name = SESSION)
    @Operation(summary = "Erase your access for good",
            description = "Destroys the mailbox's copy of the key that your passphrase unlocks. Afterwards this "
                    + "reference and passphrase open nothing, ever; nobody can restore them. The office keeps the tip "
                    + "and the conversation.")
    @APIResponse(responseCode = "204", description = "Erased")
    public Uni<RestResponse<Void>> eraseAccess(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(ProofOfWork.HEADER) String proof) {
        return followup.eraseAccess(authorization, proof).map(ignored -> RestResponse.noContent());
    }

    private static <T> RestResponse<T> answer(Response.Status status, T body) {
        return RestResponse.ResponseBuilder.create(status, body).build();
    }
}
