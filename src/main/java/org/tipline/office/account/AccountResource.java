package org.tipline.office.account;

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

/** Office accounts, managed by an admin. An admin cannot read tips unless also given a reading role. */
@Path("/api/v1/review/accounts")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "review: accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(ReviewerRole.ADMIN_NAME)
public class AccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;

    public AccountResource(AccountService accounts, SecurityIdentity identity) {
        this.accounts = accounts;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account", description = "Answers with the TOTP enrolment URI, once.")
    @APIResponse(responseCode = "201", description = "Created; the enrolment URI is shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccountViews.CreatedAccount.class)))
    @APIResponse(responseCode = "409", description = "An account with this username exists")
    public Uni<RestResponse<AccountViews.CreatedAccount>> create(@Valid @NotNull AccountViews.NewAccount account) {
        return accounts.create(Caller.of(identity), account)
                .map(created -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, created).build());
    }

    @GET
    @Operation(summary = "List accounts")
    public Uni<List<AccountViews.AccountView>> list() {
        return accounts.list();
    }

    @PATCH
    @Path("/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable or enable an account, or change its roles, programs or unit")
    public Uni<AccountViews.AccountView> change(@PathParam("username") String username,
            @Valid @NotNull AccountViews.AccountChange change) {
        return accounts.change(Caller.of(identity), username, change);
    }
}
