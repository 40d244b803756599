package org.tipline.office.staff;

import java.util.Locale;

/** What an office account may do. Role names are the lower-case labels, as used in {@code @RolesAllowed}. */
public enum ReviewerRole {
    /** Reads and works the tips assigned to them or to their unit. */
    REVIEWER,
    /** Sees every tip of their programs, assigns them, sets status and rewards. */
    COORDINATOR,
    /** Reads and verifies the audit log; cannot decrypt tips. */
    AUDITOR,
    /** Manages accounts; cannot decrypt tips unless also given a reading role. */
    ADMIN;

    public static final String REVIEWER_NAME = "reviewer";
    public static final String COORDINATOR_NAME = "coordinator";
    public static final String AUDITOR_NAME = "auditor";
    public static final String ADMIN_NAME = "admin";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this label, or null. */
    public static ReviewerRole fromLabel(String label) {
        for (ReviewerRole role : values()) {
            if (role.label().equals(label)) {
                return role;
            }
        }
        return null;
    }
}
