package org.tipline.office.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.tipline.office.staff.OfficeApi;
import org.tipline.platform.problem.Problem;

/** The audit log, for auditors: read it, check its chain, export its head. */
@Path("/api/v1/review/audit")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "audit")
@RolesAllowed("auditor")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid credentials",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an auditor",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    private final AuditService audit;

    public AuditResource(AuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "List audit entries",
            description = "Entries written in [from, to), oldest first, one page at a time; optionally only "
                    + "those of one actor, one action or one tip. more says whether the next page holds any.")
    @APIResponse(responseCode = "200", description = "One page of entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is malformed or out of range; it is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AuditPage>> list(
            @Parameter(description = "Earliest time, inclusive: ISO-8601 date-time with offset "
                    + "(2026-11-25T14:00:00Z) or a date (its UTC start)",
                    schema = @Schema(type = SchemaType.STRING)) @RestQuery String from,
            @Parameter(description = "Latest time, exclusive; same forms as from",
                    schema = @Schema(type = SchemaType.STRING)) @RestQuery String to,
            @Parameter(description = "Only the entries of this actor (a username, or cli:<user>), exactly",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 200)) @RestQuery String actor,
            @Parameter(description = "Only the entries of this action, exactly", example = "tip.read",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 64)) @RestQuery String action,
            @Parameter(description = "Only the entries about this tip (any way a reference may be typed)",
                    schema = @Schema(type = SchemaType.STRING, maxLength = 40)) @RestQuery String tipReference,
            @Parameter(description = "Page number from 0 (default 0)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @RestQuery String page,
            @Parameter(description = "Entries per page, 1 to " + AuditService.MAX_PAGE_SIZE + " (default "
                    + AuditQuery.DEFAULT_PAGE_SIZE + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                            maximum = "" + AuditService.MAX_PAGE_SIZE)) @RestQuery String size) {
        int pageNumber = AuditQuery.integer("page", page, 0, Integer.MAX_VALUE, 0);
        int pageSize = AuditQuery.integer("size", size, 1, AuditService.MAX_PAGE_SIZE, AuditQuery.DEFAULT_PAGE_SIZE);
        AuditFilter filter = new AuditFilter(AuditQuery.instant("from", from), AuditQuery.instant("to", to),
                AuditQuery.actor(actor), AuditQuery.action(action), AuditQuery.tipReference(tipReference));
        return audit.page(filter, pageNumber, pageSize).map(AuditResource::answer);
    }

    @GET
    @Path("verify")
    @Operation(summary = "Verify the audit chain",
            description = "Recomputes every hash in seq order and reports the first entry that was altered, "
                    + "deleted or moved. With anchorSeq and anchorHash (a head exported earlier), it also fails "
                    + "unless the log still holds that exact entry, which catches a deleted tail. "
                    + "A broken chain is a 200 answer with ok false.")
    @APIResponse(responseCode = "200", description = "The outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditVerification.class)))
    @APIResponse(responseCode = "400", description = "A malformed anchor, or only half of one; the parameter is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<AuditVerification>> verify(
            @Parameter(description = "The seq of a head exported earlier",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @RestQuery String anchorSeq,
            @Parameter(description = "Its hash, 64 hex digits",
                    schema = @Schema(type = SchemaType.STRING, pattern = "[0-9a-fA-F]{64}")) @RestQuery String anchorHash) {
        AuditAnchor anchor = AuditQuery.anchor(anchorSeq, anchorHash);
        return audit.verify(anchor).map(AuditResource::answer);
    }

    @GET
    @Path("head")
    @Operation(summary = "The head of the audit chain",
            description = "The newest entry's seq, hash and time: export it and keep it outside tipline, "
                    + "then pass it to verify later.")
    @APIResponse(responseCode = "200", description = "The head",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditHead.class)))
    public Uni<RestResponse<AuditHead>> head() {
        return audit.head().map(AuditResource::answer);
    }

    private static <T> RestResponse<T> answer(T entity) {
        return RestResponse.ResponseBuilder.create(Response.Status.OK, entity)
                .build();
    }
}
