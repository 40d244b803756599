package org.tipline.office.account;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.tipline.crypto.OfficePublicKey;
import org.tipline.office.audit.AuditAction;
import org.tipline.office.audit.AuditEvent;
import org.tipline.office.audit.AuditService;
import org.tipline.office.signin.SessionRepository;
import org.tipline.office.staff.Caller;
import org.tipline.office.staff.PasswordHasher;
import org.tipline.office.staff.Reviewer;
import org.tipline.office.staff.ReviewerEnrolment;
import org.tipline.office.staff.ReviewerRepository;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.platform.refusal.Conflict;
import org.tipline.platform.storage.UniqueViolation;
import org.tipline.platform.refusal.InvalidField;
import org.tipline.platform.refusal.NotFound;

/** Account management by an admin. Every change is audited; disabling an account ends its sessions. */
@ApplicationScoped
public class AccountService {

    private final ReviewerRepository reviewers;
    private final SessionRepository sessions;
    private final AuditService audit;
    private final ReviewerEnrolment enrolment;

    public AccountService(ReviewerRepository reviewers, SessionRepository sessions, AuditService audit,
            OfficePublicKey officeKey) {
        this.reviewers = reviewers;
        this.sessions = sessions;
        this.audit = audit;
        SecureRandom random = new SecureRandom();
        this.enrolment = new ReviewerEnrolment(new PasswordHasher(random), random, officeKey::seal);
    }

    public Uni<AccountViews.CreatedAccount> create(Caller admin, AccountViews.NewAccount request) {
        ReviewerEnrolment.Enrolled enrolled;
        char[] password = request.password().toCharArray();
        try {
            enrolled = enrolment.enrol(request.username(), password, roles(request.roles()), request.programs(),
                    emptyToNull(request.unit()), LocalDate.now(ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw invalid(e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
        Reviewer reviewer = enrolled.reviewer();
        return Panache.withTransaction(() -> reviewers.findByUsername(reviewer.username).chain(existing -> {
            if (existing != null) {
                throw new Conflict("That username is taken.");
            }
            return reviewers.persist(reviewer)
                    .call(saved -> audit.append(new AuditEvent(admin.username(), AuditAction.ACCOUNT_CREATE, null, null,
                            saved.auditDetail())));
        })).onFailure(UniqueViolation::causes).transform(taken -> new Conflict("That username is taken."))
                .map(saved -> new AccountViews.CreatedAccount(AccountViews.AccountView.of(saved), enrolled.totpUri()));
    }

    public Uni<List<AccountViews.AccountView>> list() {
        return Panache.withSession(() -> reviewers.listAll(io.quarkus.panache.common.Sort.ascending("username")))
                .map(all -> all.stream().map(AccountViews.AccountView::of).toList());
    }

    public Uni<AccountViews.AccountView> change(Caller admin, String username, AccountViews.AccountChange change) {
        if (change == null || (change.disabled() == null && change.roles() == null && change.programs() == null
                && change.unit() == null)) {
            throw new InvalidField("(body)", "must change at least one of disabled, roles, programs, unit");
        }
        List<ReviewerRole> roles = change.roles() == null ? null : roles(change.roles());
        if (change.programs() != null && (change.programs().isEmpty()
                || !change.programs().stream().allMatch(p -> p != null && ReviewerEnrolment.NAME.matcher(p).matches()))) {
            throw new InvalidField("programs", "at least one program name of letters, digits, '.', '_' or '-'");
        }
        if (change.unit() != null && !change.unit().isEmpty() && !ReviewerEnrolment.NAME.matcher(change.unit()).matches()) {
            throw new InvalidField("unit", "letters, digits, '.', '_' or '-'");
        }
        return Panache.withTransaction(() -> reviewers.findByUsername(username).chain(reviewer -> {
            if (reviewer == null) {
                throw new NotFound();
            }
            if (change.disabled() != null) {
                reviewer.disabled = change.disabled();
            }
            if (roles != null) {
                reviewer.roles = ReviewerRole.sortedByLabel(roles);
            }
            if (change.programs() != null) {
                reviewer.programs = change.programs().stream().distinct().sorted().toArray(String[]::new);
            }
            if (change.unit() != null) {
                reviewer.unit = emptyToNull(change.unit());
            }
            Uni<Long> endSessions = Boolean.TRUE.equals(change.disabled())
                    ? sessions.delete("reviewerId", reviewer.id) : Uni.createFrom().item(0L);
            return endSessions
                    .chain(() -> audit.append(new AuditEvent(admin.username(), AuditAction.ACCOUNT_UPDATE, null, null,
                            reviewer.auditDetail())))
                    .replaceWith(reviewer);
        })).map(AccountViews.AccountView::of);
    }

    private static List<ReviewerRole> roles(List<String> labels) {
        List<ReviewerRole> roles = new ArrayList<>();
        if (labels == null || labels.isEmpty()) {
            throw new InvalidField("roles", "at least one of reviewer, coordinator, auditor, admin");
        }
        for (String label : labels) {
            ReviewerRole role = ReviewerRole.fromLabel(label);
            if (role == null) {
                throw new InvalidField("roles", "each must be one of reviewer, coordinator, auditor, admin");
            }
            roles.add(role);
        }
        return roles;
    }

    private static InvalidField invalid(IllegalArgumentException e) {
        String message = e.getMessage();
        int colon = message.indexOf(':');
        return new InvalidField(message.substring(0, colon), message.substring(colon + 1).strip());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
