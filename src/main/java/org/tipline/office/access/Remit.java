package org.tipline.office.access;

import org.tipline.office.staff.Caller;
import org.tipline.office.staff.ReviewerRole;
import org.tipline.tip.Tip;

/**
 * Which tips a caller may see: a coordinator every tip of their programs; a reviewer the
 * tips of their programs assigned to them or to their unit; nobody else any.
 */
public record Remit(Caller caller) {

    public boolean coordinates() {
        return caller.has(ReviewerRole.COORDINATOR);
    }

    public boolean covers(Tip tip) {
        if (!caller.programs().contains(tip.program)) {
            return false;
        }
        if (coordinates()) {
            return true;
        }
        return caller.has(ReviewerRole.REVIEWER)
                && (caller.username().equals(tip.assignee)
                        || (caller.unit() != null && caller.unit().equals(tip.assignedUnit)));
    }
}
