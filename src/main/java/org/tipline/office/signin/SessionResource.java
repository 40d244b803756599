package org.tipline.office.signin;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.OfficeApi;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemException;
import org.tipline.platform.problem.ProblemType;

/** Office logins: a short-lived bearer token, refreshable up to the session's absolute limit. */
@Path("/api/v1/review/session")
@SecurityScheme(securitySchemeName = OfficeApi.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A tipline session token (tlr_...) from POST /api/v1/review/session or, where the office "
                + "has switched it on, an access token from the office's identity provider")
@Tag(name = "review: session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final LoginService logins;
    private final SecurityIdentity identity;
    private final ConsoleProviderSettings provider;

    public SessionResource(LoginService logins, SecurityIdentity identity, ConsoleProviderSettings provider) {
        this.logins = logins;
        this.identity = identity;
        this.provider = provider;
    }

    @GET
    @Path("/options")
    @PermitAll
    @Operation(summary = "How staff may sign in (read by the console before sign-in)",
            description = "Always the password; also the office's identity provider when the office has set it up "
                    + "for the console (docs/console.md).")
    @APIResponse(responseCode = "200", description = "The sign-ins offered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SignInOptions.class)))
    public SignInOptions options() {
        return provider.options();
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = OfficeApi.BEARER)
    @Operation(summary = "Who the bearer token signs in: username and tipline roles",
            description = "For a caller signed in through the identity provider, the roles are those the role map "
                    + "gives; an empty list means the provider gives that caller no tipline role.")
    @APIResponse(responseCode = "200", description = "The caller",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionCaller.class)))
    public SessionCaller caller() {
        return SessionCaller.of(Caller.of(identity));
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with username, password and TOTP code",
            description = "Every failure gets the same 401. Repeated failures are slowed down per account and "
                    + "globally (429 with Retry-After).")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SessionGrant.class)))
    @APIResponse(responseCode = "401", description = "Wrong username, password or code, or a disabled account")
    @APIResponse(responseCode = "429", description = "Too many failed logins; see Retry-After")
    public Uni<RestResponse<SessionGrant>> login(@Valid @NotNull LoginRequest request) {
        return logins.login(request).map(SessionResource::answer);
    }

    @POST
    @Path("/refresh")
    @SecurityRequirement(name = OfficeApi.BEARER)
    @Authenticated
    @Operation(summary = "Exchange the current token for a fresh one (the old one stops working)",
            description = "Only for tipline sessions: a caller signed in through the identity provider gets 403.")
    public Uni<RestResponse<SessionGrant>> refresh(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireTiplineSession();
        return logins.refresh(bearerToken(authorization)).map(SessionResource::answer);
    }

    @DELETE
    @Authenticated
    @SecurityRequirement(name = OfficeApi.BEARER)
    @Operation(summary = "Log out: the token stops working at once",
            description = "Only for tipline sessions: a caller signed in through the identity provider gets 403.")
    public Uni<RestResponse<Void>> logout(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        requireTiplineSession();
        return logins.logout(bearerToken(authorization)).map(nothing -> RestResponse.noContent());
    }

    /** Refresh and logout are for tipline sessions; the identity provider's sessions are its own to refresh or end. */
    private void requireTiplineSession() {
        if (!Caller.of(identity).hasTiplineSession()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                    "You signed in through the office's identity provider: refresh or end that session there."));
        }
    }

    private static String bearerToken(String authorization) {
        return authorization.substring("Bearer ".length()).trim();
    }

    private static RestResponse<SessionGrant> answer(SessionGrant grant) {
        return RestResponse.ResponseBuilder.ok(grant).build();
    }
}
