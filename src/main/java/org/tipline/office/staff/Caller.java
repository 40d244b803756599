package org.tipline.office.staff;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The authenticated office account behind a request: who, with which roles, over which programs and unit.
 *
 * @param reviewerId the tipline account, or null when the office's identity provider signed the caller in
 *                   (then there is no tipline account and no tipline session)
 */
public record Caller(UUID reviewerId, String username, Set<ReviewerRole> roles, Set<String> programs, String unit) {

    public static final String ATTRIBUTE = "tipline.caller";

    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }

    public boolean has(ReviewerRole role) {
        return roles.contains(role);
    }

    /** The roles' labels, as the security identity carries them for {@code @RolesAllowed}. */
    public Set<String> roleNames() {
        return roles.stream().map(ReviewerRole::label).collect(Collectors.toUnmodifiableSet());
    }

    /** True for a tipline account with a tipline session; false for a caller signed in by the identity provider. */
    public boolean hasTiplineSession() {
        return reviewerId != null;
    }
}
