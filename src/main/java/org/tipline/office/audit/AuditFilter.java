package org.tipline.office.audit;

import java.time.Instant;

/**
 * What a listing of the audit log is narrowed to. Every part is optional (null): the period
 * {@code [from, to)}, the actor's exact name, the action's exact label and the tip's
 * canonical reference.
 */
public record AuditFilter(Instant from, Instant to, String actor, String action, String tipReference) {

    /** Only a period (either bound may be null). */
    public static AuditFilter period(Instant from, Instant to) {
        return new AuditFilter(from, to, null, null, null);
    }
}
