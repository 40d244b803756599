package org.tipline.tip;

import java.util.Set;

/** The values the office may give a tip's status and disposition. */
public final class TipStatus {

    public static final Set<String> STATUSES =
            Set.of("new", "triaged", "assigned", "forwarded", "actioned", "closed", "spam");
    public static final Set<String> DISPOSITIONS = Set.of("arrest", "recovered-property", "cleared", "unfounded");

    private TipStatus() {
    }
}
