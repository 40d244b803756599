package org.tipline.session;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;
import java.util.UUID;

/** The authenticated office account behind a request: who, with which roles, over which programs and unit. */
public record Caller(UUID reviewerId, String username, Set<String> roles, Set<String> programs, String unit) {

    static final String ATTRIBUTE = "tipline.caller";

    public static Caller of(SecurityIdentity identity) {
        Caller caller = identity.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return caller;
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
