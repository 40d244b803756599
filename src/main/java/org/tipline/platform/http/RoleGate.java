package org.tipline.platform.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
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
 *     the other role's room is answered 404 before it runs. Office resources authenticate
 *     before request filters, so for them the first layer is what holds.</li>
 * </ol>
 */
@ApplicationScoped
public class RoleGate {

    /**
     * Paths only the intake side serves (tipsters and front ends): the API, and the tipster's
     * page ({@code /} itself, exactly, and everything under {@code /page}: the form's post, the
     * replies screen, the page's assets).
     */
    static final List<String> INTAKE_PATHS = List.of("/api/v1/tips", "/api/v1/followup", "/api/v1/challenge", "/",
            "/page");
    /** Paths only the review side serves (the office): its API and its console (docs/console.md). */
    static final List<String> REVIEW_PATHS = List.of("/api/v1/review", "/office");
    /**
     * Paths only an all-in-one process serves: Swagger UI, for a developer trying the API on
     * one machine. Production roles publish the document alone.
     */
    static final List<String> ALL_IN_ONE_PATHS = List.of("/api/docs");

    private static final Pattern MATRIX = Pattern.compile(";[^/]*");
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

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
                    || (!role.servesReview() && underAny(spelling, REVIEW_PATHS))
                    || (role != ServiceRole.ALL_IN_ONE && underAny(spelling, ALL_IN_ONE_PATHS))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The path as the REST layer could match it: without matrix parameters ({@code ;...} in a
     * segment, which the REST layer drops before matching), percent-decoded (before or after
     * the matrix parameters are dropped, so {@code %3B} counts too), with runs of slashes
     * collapsed, without a trailing slash, lower-cased. The path as given, or with only its
     * matrix parameters dropped, adds nothing: a path under a prefix stays under it through
     * both steps. Refusing a spelling that would not have matched anyway costs nothing.
     */
    static List<String> spellings(String path) {
        return List.of(canonical(decode(withoutMatrix(path))), canonical(withoutMatrix(decode(path))));
    }

    private static String withoutMatrix(String path) {
        return MATRIX.matcher(path).replaceAll("");
    }

    private static String canonical(String path) {
        String collapsed = SLASHES.matcher(path).replaceAll("/").toLowerCase(Locale.ROOT);
        return collapsed.length() > 1 && collapsed.endsWith("/") ? collapsed.substring(0, collapsed.length() - 1) : collapsed;
    }

    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
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
