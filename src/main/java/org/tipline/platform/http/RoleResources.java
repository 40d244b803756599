package org.tipline.platform.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.refusal.NotFound;

/**
 * The role gate's second layer: decides on the resource the REST layer matched, whatever
 * spelling of the path led there. The room a resource lives in says which role serves it:
 * {@code org.tipline.tipster} the intake role, {@code org.tipline.office} the review role
 * (ArchitectureTests keeps every other resource out of both). A resource of the other
 * role's room is answered exactly like a missing path.
 */
@ApplicationScoped
public class RoleResources {

    static final String TIPSTER_ROOM = "org.tipline.tipster.";
    static final String OFFICE_ROOM = "org.tipline.office.";

    private final ServiceRole role;

    public RoleResources(TiplineConfig config) {
        this.role = config.role();
    }

    // Runs first among the request filters. Authentication of @RolesAllowed resources comes
    // before any of them, which is why RoleGate refuses office paths on the Vert.x path first.
    @ServerRequestFilter(priority = 1)
    public void check(ResourceInfo resource) {
        if (resource.getResourceClass() != null && absent(resource.getResourceClass().getName())) {
            throw new NotFound();
        }
    }

    boolean absent(String resourceClass) {
        return (!role.servesIntake() && resourceClass.startsWith(TIPSTER_ROOM))
                || (!role.servesReview() && resourceClass.startsWith(OFFICE_ROOM));
    }
}
