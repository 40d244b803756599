package org.tipline.office.dialogue;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.OfficeApi;
import org.tipline.office.staff.ReviewerRole;

/** The office's side of the anonymous conversation with a tip's tipster. */
@Path("/api/v1/review/tips/{reference}")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "review: conversation")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ReviewerRole.REVIEWER_NAME, ReviewerRole.COORDINATOR_NAME})
public class DialogueResource {

    private final DialogueService dialogue;
    private final SecurityIdentity identity;

    public DialogueResource(DialogueService dialogue, SecurityIdentity identity) {
        this.dialogue = dialogue;
        this.identity = identity;
    }

    @GET
    @Path("/messages")
    @Operation(summary = "Read the conversation with the tipster, decrypted (audited)")
    public Uni<RestResponse<DialogueViews.Conversation>> conversation(@PathParam("reference") String reference,
            @Parameter(description = "Why you are reading it; kept in the audit log") @QueryParam("purpose") String purpose) {
        return dialogue.conversation(Caller.of(identity), reference, purpose)
                .map(view -> RestResponse.ResponseBuilder.ok(view).build());
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask the tipster a question (audited)",
            description = "Sealed under the tip's dialogue key: the tipster reads it with their passphrase; nobody "
                    + "holding only the database can. 409 when the conversation is closed or the tip has no mailbox.")
    @APIResponse(responseCode = "201", description = "Sent; the tipster sees it at their next visit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DialogueViews.Message.class)))
    @APIResponse(responseCode = "409", description = "The conversation is closed, or the tip has no mailbox")
    public Uni<RestResponse<DialogueViews.Message>> ask(@PathParam("reference") String reference,
            @Valid @NotNull DialogueViews.NewMessage message) {
        return dialogue.ask(Caller.of(identity), reference, message.text())
                .map(view -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, view).build());
    }

    @PUT
    @Path("/dialogue")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ReviewerRole.COORDINATOR_NAME)
    @Operation(summary = "Close or reopen the conversation (coordinators; audited)")
    public Uni<DialogueViews.Conversation> setState(@PathParam("reference") String reference,
            @Valid @NotNull DialogueViews.StateChange change) {
        return dialogue.setState(Caller.of(identity), reference, change.dialogue());
    }
}
