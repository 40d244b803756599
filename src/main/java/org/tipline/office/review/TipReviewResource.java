package org.tipline.office.review;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
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
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.ChannelName;
import org.tipline.tip.TipStatus;

/** The office's tip API. Reading a tip decrypts it and is audited before the plaintext leaves. */
@Path("/api/v1/review/tips")
@SecurityRequirement(name = OfficeApi.BEARER)
@Tag(name = "review: tips")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ReviewerRole.REVIEWER_NAME, ReviewerRole.COORDINATOR_NAME})
public class TipReviewResource {

    private final TipReviewService review;
    private final SecurityIdentity identity;

    public TipReviewResource(TipReviewService review, SecurityIdentity identity) {
        this.review = review;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "List tips in your remit (metadata only, newest first)")
    public Uni<TipViews.TipPage> list(@QueryParam("status") String status, @QueryParam("category") String category,
            @Parameter(description = "A channel name: only tips that came through that front end")
            @QueryParam("channel") String channel,
            @QueryParam("assignee") String assignee,
            @Parameter(description = "YYYY-MM-DD or an ISO-8601 instant") @QueryParam("receivedFrom") String receivedFrom,
            @Parameter(description = "YYYY-MM-DD (exclusive) or an ISO-8601 instant") @QueryParam("receivedTo") String receivedTo,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @Parameter(description = "The nextCursor of the previous page; cheaper than a deep page number")
            @QueryParam("cursor") String cursor) {
        return review.list(Caller.of(identity),
                filter(status, category, channel, assignee, receivedFrom, receivedTo, cursor, page),
                pageNumber(page), pageSize(size));
    }

    @GET
    @Path("/contents")
    @Operation(summary = "Read a page of tips in your remit, decrypted",
            description = "The same filters and order as the listing. Writes one audit entry per tip, naming you, "
                    + "the tip, the time and your purpose, before any plaintext is sent.")
    public Uni<RestResponse<TipViews.TipContentPage>> readPage(@QueryParam("status") String status,
            @QueryParam("category") String category, @QueryParam("channel") String channel,
            @QueryParam("assignee") String assignee, @QueryParam("receivedFrom") String receivedFrom, @QueryParam("receivedTo") String receivedTo,
            @QueryParam("page") String page, @QueryParam("size") String size,
            @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "Why you are reading these tips; kept in the audit log")
            @QueryParam("purpose") String purpose) {
        return review.readPage(Caller.of(identity),
                filter(status, category, channel, assignee, receivedFrom, receivedTo, cursor, page),
                pageNumber(page), pageSize(size), purpose).map(TipReviewResource::answer);
    }

    @GET
    @Path("/{reference}")
    @Operation(summary = "Read a tip, decrypted", description = "Writes an audit entry naming you, the tip, the time "
            + "and your purpose before the plaintext is sent. Unknown tips and tips outside your remit are both 404.")
    public Uni<RestResponse<TipViews.TipContent>> read(@PathParam("reference") String reference,
            @Parameter(description = "Why you are reading the tip; kept in the audit log")
            @QueryParam("purpose") String purpose) {
        return review.read(Caller.of(identity), reference, purpose).map(TipReviewResource::answer);
    }

    @PATCH
    @Path("/{reference}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change status, assignee, unit or disposition (audited)")
    public Uni<TipViews.TipSummary> update(@PathParam("reference") String reference,
            @Valid @NotNull TipViews.TipUpdate update) {
        return review.update(Caller.of(identity), reference, update);
    }

    @POST
    @Path("/{reference}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an investigator note, encrypted to the office key")
    @APIResponse(responseCode = "201", description = "Stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TipViews.NoteView.class)))
    public Uni<RestResponse<TipViews.NoteView>> addNote(@PathParam("reference") String reference,
            @Valid @NotNull TipViews.NewNote note) {
        return review.addNote(Caller.of(identity), reference, note.text())
                .map(view -> RestResponse.ResponseBuilder.create(Response.Status.CREATED, view).build());
    }

    @GET
    @Path("/{reference}/notes")
    @Operation(summary = "Read a tip's notes, decrypted (audited)")
    public Uni<RestResponse<List<TipViews.NoteView>>> notes(@PathParam("reference") String reference,
            @QueryParam("purpose") String purpose) {
        return review.notes(Caller.of(identity), reference, purpose).map(TipReviewResource::answer);
    }

    private static TipFilter filter(String status, String category, String channel, String assignee,
            String receivedFrom,
            String receivedTo, String cursor, String page) {
        TipStatus wanted = status == null ? null : TipStatus.fromLabel(status);
        if (status != null && wanted == null) {
            throw new InvalidField("status", "must be a tip status");
        }
        // Both are compared with stored text, which can hold neither NUL nor more than a category's 64 characters.
        if (category != null && (category.length() > 64 || category.indexOf('\0') >= 0)) {
            throw new InvalidField("category", "must be a category name");
        }
        if (channel != null && !ChannelName.valid(channel)) {
            throw new InvalidField("channel", "must be a channel name");
        }
        if (assignee != null && !ReviewerEnrolment.USERNAME.matcher(assignee).matches()) {
            throw new InvalidField("assignee", "must be a username");
        }
        if (cursor != null && page != null && pageNumber(page) != 0) {
            throw new InvalidField("cursor", "cannot be combined with a page number");
        }
        return new TipFilter(wanted, category, channel, assignee, instant("receivedFrom", receivedFrom),
                instant("receivedTo", receivedTo), cursor == null ? null : TipCursor.decode(cursor));
    }

    private static int pageNumber(String page) {
        int number = page == null ? 0 : whole("page", page);
        if (number < 0 || number > 1_000_000) {
            throw new InvalidField("page", "must be between 0 and 1000000");
        }
        return number;
    }

    private static int pageSize(String size) {
        int number = size == null ? 50 : whole("size", size);
        if (number < 1 || number > TipReviewService.MAX_PAGE_SIZE) {
            throw new InvalidField("size", "must be between 1 and " + TipReviewService.MAX_PAGE_SIZE);
        }
        return number;
    }

    /** A query parameter as a whole number, or a 400 naming it (never JAX-RS's 404 for a bad number). */
    private static int whole(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidField(name, "must be a whole number");
        }
    }

    private static <T> RestResponse<T> answer(T body) {
        return RestResponse.ResponseBuilder.ok(body).build();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidField(name, "must be YYYY-MM-DD or an ISO-8601 instant");
        }
    }
}
