package org.tipline.tipster.page;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.Busy;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.QuotaSpent;
import org.tipline.platform.storage.StorageUnavailableException;
import org.tipline.tip.ChannelName;
import org.tipline.tipster.channel.ActiveChannel;
import org.tipline.tipster.intake.IntakeService;
import org.tipline.tipster.intake.TipReceipt;
import org.tipline.tipster.intake.TipSubmission;

/**
 * Takes a tip from the page's form posted without JavaScript. Such a tip cannot carry a
 * proof-of-work, so it comes in as the built-in channel {@link ChannelName#PAGE_FORM}, which
 * needs none and has a quota of its own ({@code tipline.page.form-tips-per-hour}, shared by
 * all intake processes through the same counters as partner channels): a flood through the
 * form spends that quota and nothing else, while the page with JavaScript (channel
 * {@code web}, with proof-of-work) keeps working. Everything else is the JSON API's intake:
 * the same checks, seal, storage and receipt.
 */
@ApplicationScoped
public class PageService {

    /** Dates as an {@code <input type=date>} sends them, and times as {@code <input type=time>}. */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern TIME = Pattern.compile("[0-9]{2}:[0-9]{2}(:[0-9]{2})?");

    private final IntakeService intake;
    private final Validator validator;
    private final ActiveChannel formChannel;
    private final List<String> categories;

    public PageService(IntakeService intake, Validator validator, TiplineConfig config) {
        this.intake = intake;
        this.validator = validator;
        int quota = config.page().formTipsPerHour();
        if (quota < 0) {
            throw new IllegalArgumentException("tipline.page.form-tips-per-hour must be 0 (off) or more");
        }
        this.formChannel = new ActiveChannel(ChannelName.PAGE_FORM, config.intake().program(), Set.of(), quota, false);
        this.categories = List.copyOf(config.intake().categories());
    }

    /** The categories, in their configured order, for the form's list. */
    public List<String> categories() {
        return categories;
    }

    /** What became of a form post: a receipt, or what the tipster must be told instead. */
    public record Outcome(TipReceipt receipt, int status, Set<FormError> errors) {

        static Outcome stored(TipReceipt receipt) {
            return new Outcome(receipt, 201, Set.of());
        }

        static Outcome refused(int status, Set<FormError> errors) {
            return new Outcome(null, status, Set.copyOf(errors));
        }
    }

    /** Why a form post was not stored, each with its text in {@link PageMessages}. */
    public enum FormError {
        CATEGORY, DESCRIPTION, LOCATION, DATE, QUOTA, FORM_OFF, BUSY
    }

    /** Checks the form, then submits it as a tip of the form's channel. Nothing is stored on a refusal. */
    public Uni<Outcome> submit(TipForm form, PageLanguage language) {
        Set<FormError> errors = check(form);
        if (!errors.isEmpty()) {
            return Uni.createFrom().item(Outcome.refused(400, errors));
        }
        if (formChannel.tipsPerHour() == 0) {
            return Uni.createFrom().item(Outcome.refused(403, Set.of(FormError.FORM_OFF)));
        }
        TipSubmission submission = new TipSubmission(form.category(), form.description(), form.location(),
                form.occurredAt(), language.tag(), null);
        return Uni.createFrom().deferred(() -> intake.submit(submission, formChannel, null))
                .map(Outcome::stored)
                .onFailure(InvalidField.class).recoverWithItem(failure -> Outcome.refused(400,
                        Set.of(fieldError(((InvalidField) failure).field()))))
                .onFailure(QuotaSpent.class).recoverWithItem(() -> Outcome.refused(429, Set.of(FormError.QUOTA)))
                .onFailure(failure -> failure instanceof Busy || failure instanceof StorageUnavailableException)
                .recoverWithItem(() -> Outcome.refused(503, Set.of(FormError.BUSY)));
    }

    /** The form's own checks, then the API's bean constraints, each as the field the tipster must correct. */
    Set<FormError> check(TipForm form) {
        Set<FormError> errors = EnumSet.noneOf(FormError.class);
        if (form.category() == null || !categories.contains(form.category())) {
            errors.add(FormError.CATEGORY);
        }
        if ((form.date() != null && !DATE.matcher(form.date()).matches())
                || (form.time() != null && (form.date() == null || !TIME.matcher(form.time()).matches()))) {
            errors.add(FormError.DATE);
        }
        TipSubmission submission = new TipSubmission(form.category() == null ? "" : form.category(),
                form.description(), form.location(), form.occurredAt(), null, null);
        for (ConstraintViolation<TipSubmission> violation : validator.validate(submission)) {
            errors.add(fieldError(violation.getPropertyPath().toString()));
        }
        return errors;
    }

    private static FormError fieldError(String field) {
        if (field.startsWith("description")) {
            return FormError.DESCRIPTION;
        } else if (field.startsWith("location")) {
            return FormError.LOCATION;
        } else if (field.startsWith("occurredAt")) {
            return FormError.DATE;
        }
        return FormError.CATEGORY;
    }
}
