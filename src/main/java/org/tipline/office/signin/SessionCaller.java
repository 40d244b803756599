package org.tipline.office.signin;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.tipline.office.staff.Caller;

/** Who a bearer token signs in, as tipline sees them: the username and tipline roles, nothing of the token. */
@Schema(name = "SessionCaller", description = "The caller behind the bearer token")
public record SessionCaller(
        @Schema(required = true, description = "The name the audit log and assignments use") String username,
        @Schema(required = true, description = "The caller's tipline roles (for the identity provider's callers, only "
                + "those the role map gives); empty when none") List<String> roles,
        @Schema(required = true, description = "tipline: a tipline session (refresh and logout apply); provider: an "
                + "access token from the office's identity provider", enumeration = { "tipline", "provider" })
        String signedInThrough) {

    static SessionCaller of(Caller caller) {
        return new SessionCaller(caller.username(), caller.roleNames().stream().sorted().toList(),
                caller.hasTiplineSession() ? "tipline" : "provider");
    }
}
