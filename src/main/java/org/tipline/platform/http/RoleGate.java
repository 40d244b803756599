package org.tipline.platform.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.tipline.platform.config.ServiceRole;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.OriginStripper;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemType;

/**
 * Makes the API of the other role absent: an intake process answers the review paths,
 * and a review process the tipster paths, exactly as it answers a path that does not
 * exist (404 problem+json), before any other code runs.
 */
@ApplicationScoped
public class RoleGate {

    /** Paths only the intake side serves (tipsters and front ends). */
    static final List<String> INTAKE_PATHS = List.of("/api/v1/tips", "/api/v1/followup");
    /** Paths only the review side serves (the office). */
    static final List<String> REVIEW_PATHS = List.of("/api/v1/review");

    private final ServiceRole role;

    public RoleGate(TiplineConfig config) {
        this.role = config.role();
    }

    void register(@Observes Filters filters) {
        if (role != ServiceRole.ALL_IN_ONE) {
            filters.register(this::check, OriginStripper.PRIORITY - 2);
        }
    }

    void check(RoutingContext context) {
        String path = context.normalizedPath();
        boolean absent = (!role.servesIntake() && underAny(path, INTAKE_PATHS))
                || (!role.servesReview() && underAny(path, REVIEW_PATHS));
        if (absent) {
            HttpProblems.send(context, Problem.of(ProblemType.NOT_FOUND, "There is nothing at this path."));
        } else {
            context.next();
        }
    }

    static boolean underAny(String path, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
