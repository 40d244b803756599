package org.tipline.office.review;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.tipline.crypto.Bindings;
import org.tipline.crypto.OfficePrivateKey;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.access.Remit;
import org.tipline.office.access.OfficeDecrypts;
import org.tipline.office.access.TipAccess;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.ReviewerRepository;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.tip.Tip;
import org.tipline.tip.TipDisposition;
import org.tipline.tip.TipPlaintext;
import org.tipline.tip.TipStatus;

/**
 * The office's work on tips: listing (metadata only), reading (decrypts, audited first),
 * updating (audited in the same transaction) and notes (sealed to the office key).
 * A tip outside the caller's remit is answered exactly like one that does not exist.
 */
@ApplicationScoped
public class TipReviewService {

    public static final int MAX_PAGE_SIZE = 100;

    private final TipReviewRepository tips;
    private final TipAccess access;
    private final NoteRepository notes;
    private final ReviewerRepository reviewers;
    private final AuditService audit;
    private final OfficePrivateKey privateKey;
    private final OfficePublicKey publicKey;
    private final OfficeDecrypts decrypts;

    public TipReviewService(TipReviewRepository tips, TipAccess access, NoteRepository notes,
            ReviewerRepository reviewers, AuditService audit, OfficePrivateKey privateKey, OfficePublicKey publicKey,
            OfficeDecrypts decrypts) {
        this.tips = tips;
        this.access = access;
        this.notes = notes;
        this.reviewers = reviewers;
        this.audit = audit;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.decrypts = decrypts;
    }

    public Uni<TipViews.TipPage> list(Caller caller, TipFilter filter, int page, int size) {
        return Panache.withSession(() -> tips.listing(new Remit(caller), filter, page, size))
                .map(rows -> {
                    List<TipViews.TipSummary> items = rows.stream().limit(size).toList();
                    boolean more = rows.size() > size;
                    return new TipViews.TipPage(items, page, size, more,
                            more ? TipCursor.after(items.get(items.size() - 1)).encode() : null);
                });
    }

    /**
     * A page of tips, decrypted: one audit entry per tip, all committed before any plaintext
     * exists. For working through a queue without a request per tip.
     */
    public Uni<TipViews.TipContentPage> readPage(Caller caller, TipFilter filter, int page, int size, String purpose) {
        return Panache.withTransaction(() -> tips.page(new Remit(caller), filter, page, size)
                .call(rows -> audit.appendAll(rows.stream().limit(size)
                        .map(tip -> new AuditEvent(caller.username(), AuditAction.TIP_READ, tip.reference, purpose, null))
                        .toList())))
                .map(rows -> {
                    List<TipViews.TipContent> items = rows.stream().limit(size).map(this::openInPage).toList();
                    decrypts.count(caller, OfficeDecrypts.Record.TIP, items.size());
                    boolean more = rows.size() > size;
                    return new TipViews.TipContentPage(items, page, size, more,
                            more ? TipCursor.after(items.get(items.size() - 1).tip()).encode() : null);
                });
    }

    /** The decrypted tip. The audit entry is committed before the plaintext exists. */
    public Uni<TipViews.TipContent> read(Caller caller, String typedReference, String purpose) {
        return Panache.withTransaction(() -> access.tipInRemit(caller, typedReference)
                .call(tip -> audit.append(new AuditEvent(caller.username(), AuditAction.TIP_READ, tip.reference, purpose,
                        null))))
                .map(tip -> {
                    decrypts.count(caller, OfficeDecrypts.Record.TIP, 1);
                    return open(tip);
                });
    }

    public Uni<TipViews.TipSummary> update(Caller caller, String typedReference, TipViews.TipUpdate update) {
        Remit remit = new Remit(caller);
        validate(update, remit);
        return Panache.withTransaction(() -> access.tipInRemit(caller, typedReference)
                .call(tip -> assigneeCanWork(update.assignee(), tip))
                .call(tip -> {
                    Map<String, String> changed = apply(tip, update);
                    return audit.append(new AuditEvent(caller.username(), AuditAction.TIP_UPDATE, tip.reference, null,
                            changed));
                }))
                .map(TipViews.TipSummary::of);
    }

    public Uni<TipViews.NoteView> addNote(Caller caller, String typedReference, String text) {
        return Panache.withTransaction(() -> access.tipInRemit(caller, typedReference).chain(tip -> {
            TipNote note = new TipNote();
            note.id = UUID.randomUUID();
            note.tipId = tip.id;
            note.author = caller.username();
            note.createdAt = Instant.now();
            note.formatVersion = Bindings.NOTE_FORMAT_VERSION;
            OfficePublicKey.SealedBytes sealed = publicKey.seal(TipNote.plaintext(text),
                    Bindings.note(tip.id, note.id, note.formatVersion));
            note.ciphertext = sealed.ciphertext();
            note.keyId = sealed.keyId();
            return notes.persist(note)
                    .call(saved -> audit.append(new AuditEvent(caller.username(), AuditAction.NOTE_ADD, tip.reference, null,
                            Map.of("note", saved.id.toString()))))
                    .map(saved -> new TipViews.NoteView(saved.id.toString(), saved.author, saved.createdAt, text));
        }));
    }

    /** The tip's notes, decrypted; the read is audited first. */
    public Uni<List<TipViews.NoteView>> notes(Caller caller, String typedReference, String purpose) {
        return Panache.withTransaction(() -> access.tipInRemit(caller, typedReference)
                .call(tip -> audit.append(new AuditEvent(caller.username(), AuditAction.NOTE_READ, tip.reference, purpose,
                        null)))
                .chain(tip -> notes.forTip(tip.id)))
                .map(rows -> {
                    decrypts.count(caller, OfficeDecrypts.Record.NOTE, rows.size());
                    List<TipViews.NoteView> views = new ArrayList<>();
                    for (TipNote note : rows) {
                        views.add(new TipViews.NoteView(note.id.toString(), note.author, note.createdAt, openNote(note)));
                    }
                    return views;
                });
    }

    private TipViews.TipContent open(Tip tip) {
        try {
            byte[] json = privateKey.open(tip.ciphertext, Bindings.tip(tip.id, tip.formatVersion));
            TipPlaintext plaintext = TipPlaintext.fromJson(json);
            if (plaintext == null) {
                // JSON null: a front end sealed it (format version 2), and intake could not check it.
                throw TipAccess.undecryptable();
            }
            return new TipViews.TipContent(TipViews.TipSummary.of(tip), plaintext.description(), plaintext.location(),
                    plaintext.occurredAt(), plaintext.language(), plaintext.details(), null);
        } catch (GeneralSecurityException | IOException e) {
            throw TipAccess.undecryptable();
        }
    }

    /** Like {@link #open}, but one bad row does not cost the reader the rest of the page. */
    private TipViews.TipContent openInPage(Tip tip) {
        try {
            return open(tip);
        } catch (Conflict e) {
            return new TipViews.TipContent(TipViews.TipSummary.of(tip), null, null, null, null, null, "undecryptable");
        }
    }

    private String openNote(TipNote note) {
        try {
            return TipNote.text(privateKey.open(note.ciphertext,
                    Bindings.note(note.tipId, note.id, note.formatVersion)));
        } catch (GeneralSecurityException | IOException e) {
            throw TipAccess.undecryptable();
        }
    }

    private static void validate(TipViews.TipUpdate update, Remit remit) {
        if (update == null || (update.status() == null && update.assignee() == null && update.assignedUnit() == null
                && update.disposition() == null)) {
            throw new InvalidField("(body)", "must change at least one of status, assignee, assignedUnit, disposition");
        }
        if (update.status() != null && TipStatus.fromLabel(update.status()) == null) {
            throw new InvalidField("status", "must be one of " + oneOf(TipStatus.values(), TipStatus::label));
        }
        if (update.disposition() != null && !update.disposition().isEmpty()
                && TipDisposition.fromLabel(update.disposition()) == null) {
            throw new InvalidField("disposition",
                    "must be one of " + oneOf(TipDisposition.values(), TipDisposition::label));
        }
        if (update.assignedUnit() != null && !update.assignedUnit().isEmpty()
                && !org.tipline.office.staff.ReviewerEnrolment.NAME.matcher(update.assignedUnit()).matches()) {
            throw new InvalidField("assignedUnit", "must be a unit name of letters, digits, '.', '_' or '-'");
        }
        if ((update.assignee() != null || update.assignedUnit() != null) && !remit.coordinates()) {
            throw new io.quarkus.security.ForbiddenException();
        }
    }

    /** An assignee must be an enabled reviewer or coordinator of the tip's program, or the tip would be lost. */
    private Uni<Void> assigneeCanWork(String assignee, Tip tip) {
        if (assignee == null || assignee.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return reviewers.findByUsername(assignee).map(reviewer -> {
            boolean reads = reviewer != null && !reviewer.disabled
                    && java.util.Arrays.asList(reviewer.programs).contains(tip.program)
                    && (java.util.Arrays.asList(reviewer.roles).contains(ReviewerRole.REVIEWER)
                            || java.util.Arrays.asList(reviewer.roles).contains(ReviewerRole.COORDINATOR));
            if (!reads) {
                throw new InvalidField("assignee",
                        "must be an enabled reviewer or coordinator of the tip's program");
            }
            return null;
        });
    }

    /** Applies the update and returns what changed, as audit detail (names and new values, no content). */
    private static Map<String, String> apply(Tip tip, TipViews.TipUpdate update) {
        Map<String, String> changed = new LinkedHashMap<>();
        if (update.status() != null) {
            tip.status = TipStatus.fromLabel(update.status());
            changed.put("status", update.status());
        }
        if (update.assignee() != null) {
            tip.assignee = update.assignee().isEmpty() ? null : update.assignee();
            changed.put("assignee", update.assignee());
            if (tip.assignee != null && tip.status == TipStatus.NEW && update.status() == null) {
                tip.status = TipStatus.ASSIGNED;
                changed.put("status", TipStatus.ASSIGNED.label());
            }
        }
        if (update.assignedUnit() != null) {
            tip.assignedUnit = update.assignedUnit().isEmpty() ? null : update.assignedUnit();
            changed.put("assignedUnit", update.assignedUnit());
        }
        if (update.disposition() != null) {
            tip.disposition = update.disposition().isEmpty() ? null : TipDisposition.fromLabel(update.disposition());
            changed.put("disposition", update.disposition());
        }
        return changed;
    }

    /** The labels, sorted and comma-separated, as the 400 answer for an unknown value names them. */
    private static <E extends Enum<E>> String oneOf(E[] values, Function<E, String> label) {
        return String.join(", ", Arrays.stream(values).map(label).sorted().toList());
    }
}
