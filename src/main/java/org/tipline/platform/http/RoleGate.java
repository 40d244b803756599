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
 * exist (404 problem+json). Two layers, so that no spelling of a path gets through:
 * <ol>
 * <li>Before any other code runs, on the Vert.x path, in every spelling the REST layer
 *     might match it as: with {@code ;} matrix parameters removed from each segment,
 *     percent-decoded, slashes collapsed, any case.</li>
 * <li>After the REST layer has matched a resource ({@link RoleResources}): a resource of
 *     the other role's room is answered 404 before authentication or the resource runs.</li>
 * </ol>
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
        if (absent(context.normalizedPath())) {
            HttpProblems.send(context, Problem.of(ProblemType.NOT_FOUND, "There is nothing at this path."));
        } else {
            context.next();
        }
    }

    /** True when the path, in any spelling the REST layer could match it as, belongs to the other role. */
    boolean absent(String path) {
        for (String spelling : spellings(path)) {
            if ((!role.servesIntake() && underAny(spelling, INTAKE_PATHS))
                    || (!role.servesReview() && underAny(spelling, REVIEW_PATHS))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path as given; without matrix parameters ({@code ;...} in a segment, which the REST
     * layer drops before matching); percent-decoded as well; with runs of slashes collapsed;
     * lower-cased. Refusing a spelling that would not have matched anyway costs nothing.
     */
    static List<String> spellings(String path) {
        String withoutMatrix = path.replaceAll(";[^/]*", "");
        String decoded = decode(withoutMatrix);
        String decodedFirst = decode(path).replaceAll(";[^/]*", "");
        List<String> spellings = new java.util.ArrayList<>();
        for (String spelling : List.of(path, withoutMatrix, decoded, decodedFirst)) {
            String collapsed = spelling.replaceAll("/{2,}", "/").toLowerCase(java.util.Locale.ROOT);
            spellings.add(collapsed.length() > 1 && collapsed.endsWith("/")
                    ? collapsed.substring(0, collapsed.length() - 1) : collapsed);
        }
        return spellings;
    }

    private static String decode(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path; // a broken escape: the REST layer will not match it either
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
