package org.tipline.office.reward;

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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.OfficeApi;
import org.tipline.office.staff.ReviewerRole;

/** Rewards on a tip: the board's decision and its payment, recorded by coordinators. */
@Path("/api/v1/review/tips/{reference}/reward")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "review: rewards")
@Produces(MediaType.APPLICATION_JSON)
public class RewardResource {

    private final RewardService rewards;
    private final SecurityIdentity identity;

    public RewardResource(RewardService rewards, SecurityIdentity identity) {
        this.rewards = rewards;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({ReviewerRole.REVIEWER_NAME, ReviewerRole.COORDINATOR_NAME})
    @Operation(summary = "The tip's reward, if any (never the payout code)")
    public Uni<RewardViews.Reward> get(@PathParam("reference") String reference) {
        return rewards.get(Caller.of(identity), reference);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ReviewerRole.COORDINATOR_NAME)
    @Operation(summary = "Record the board's reward decision (coordinators; audited)",
            description = "The tipster sees the amount, the instructions and a one-time payout code in their mailbox. "
                    + "Recording again before payment replaces the decision and issues a new code. 409 once paid.")
    public Uni<RewardViews.Reward> approve(@PathParam("reference") String reference,
            @Valid @NotNull RewardViews.Decision decision) {
        return rewards.approve(Caller.of(identity), reference, decision);
    }

    @POST
    @Path("/payout")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ReviewerRole.COORDINATOR_NAME)
    @Operation(summary = "Mark the reward paid with the payout code the tipster quoted (coordinators; audited)",
            description = "409 when the code does not match (the attempt is audited) or there is no unpaid reward.")
    public Uni<RewardViews.Reward> payout(@PathParam("reference") String reference,
            @Valid @NotNull RewardViews.Payout payout) {
        return rewards.payout(Caller.of(identity), reference, payout.payoutCode());
    }
}
