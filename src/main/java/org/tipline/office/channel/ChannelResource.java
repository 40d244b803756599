package org.tipline.office.channel;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.OfficeApi;
import org.tipline.office.staff.ReviewerRole;

/** The front ends that post tips, managed by an admin (docs/channels.md). Every change is audited. */
@Path("/api/v1/review/channels")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "review: channels")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ReviewerRole.ADMIN_NAME)
public class ChannelResource {

    private final ChannelService channels;
    private final SecurityIdentity identity;

    public ChannelResource(ChannelService channels, SecurityIdentity identity) {
        this.channels = channels;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a channel", description = "Answers with the channel's key, once.")
    @APIResponse(responseCode = "201", description = "Created; the key is shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ChannelViews.IssuedKey.class)))
    @APIResponse(responseCode = "409", description = "A channel has, or had, this name")
    public Uni<RestResponse<ChannelViews.IssuedKey>> create(@Valid @NotNull ChannelViews.NewChannel channel) {
        return channels.create(Caller.of(identity), channel)
                .map(issued -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, issued).build());
    }

    @GET
    @Operation(summary = "List channels, revoked ones included (never their keys)")
    public Uni<List<ChannelViews.ChannelView>> list() {
        return channels.list();
    }

    @POST
    @Path("/{name}/rotate")
    @Operation(summary = "Give a channel a new key", description = "Answers with the new key, once. The old key "
            + "stops working at the intake processes' next reload.")
    public Uni<ChannelViews.IssuedKey> rotate(@PathParam("name") String name) {
        return channels.rotate(Caller.of(identity), name);
    }

    @POST
    @Path("/{name}/revoke")
    @Operation(summary = "Revoke a channel for good", description = "Its key stops working at the intake processes' "
            + "next reload; the channel stays listed, and its name is not reused.")
    public Uni<ChannelViews.ChannelView> revoke(@PathParam("name") String name) {
        return channels.revoke(Caller.of(identity), name);
    }

    @PATCH
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a channel's origins, quota or proof-of-work")
    public Uni<ChannelViews.ChannelView> change(@PathParam("name") String name,
            @Valid @NotNull ChannelViews.ChannelChange change) {
        return channels.change(Caller.of(identity), name, change);
    }
}
