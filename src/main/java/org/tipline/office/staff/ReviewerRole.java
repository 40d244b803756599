package org.tipline.office.staff;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.Comparator;

/**
 * What an office account may do. Each constant carries its label: the text stored in
 * {@code reviewer.roles} (the {@code reviewer_roles_known} check of V2), shown by the API and
 * used as the Quarkus security role, which is a string: hence the {@code *_NAME} constants,
 * for {@code @RolesAllowed}.
 */
public enum ReviewerRole {
    /** Reads and works the tips assigned to them or to their unit. */
    REVIEWER(ReviewerRole.REVIEWER_NAME),
    /** Sees every tip of their programs, assigns them, sets status and rewards. */
    COORDINATOR(ReviewerRole.COORDINATOR_NAME),
    /** Reads and verifies the audit log; cannot decrypt tips. */
    AUDITOR(ReviewerRole.AUDITOR_NAME),
    /** Manages accounts; cannot decrypt tips unless also given a reading role. */
    ADMIN(ReviewerRole.ADMIN_NAME);

    // Qualified above: constants may be named before their declaration only that way.
    public static final String REVIEWER_NAME = "reviewer";
    public static final String COORDINATOR_NAME = "coordinator";
    public static final String AUDITOR_NAME = "auditor";
    public static final String ADMIN_NAME = "admin";

    private final String label;

    ReviewerRole(String label) {
        this.label = label;
    }

    /** The stored and shown text, and the security role's name. */
    @JsonValue
    public String label() {
        return label;
    }

    /**
     * The roles once each, ordered by label: how an account's roles are stored, so that the
     * column, the audit detail and the API list them as they always have (admin before auditor).
     */
    public static ReviewerRole[] sortedByLabel(Collection<ReviewerRole> roles) {
        return roles.stream().distinct().sorted(Comparator.comparing(ReviewerRole::label)).toArray(ReviewerRole[]::new);
    }

    /** The role with this label, or null. */
    public static ReviewerRole fromLabel(String label) {
        for (ReviewerRole role : values()) {
            if (role.label.equals(label)) {
                return role;
            }
        }
        return null;
    }
}
