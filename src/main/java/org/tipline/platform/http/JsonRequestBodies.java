package org.tipline.platform.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemException;
import org.tipline.platform.problem.ProblemType;

/**
 * Holds JSON request bodies to what docs/api.md promises: sent as {@code application/json}
 * and encoded as well-formed UTF-8.
 * <ul>
 *   <li>An endpoint that takes JSON answers 415 to a request without a Content-Type, with an
 *       empty one, or with a wildcard such as {@code *}{@code /*}, which the REST layer would
 *       otherwise take as JSON.</li>
 *   <li>A JSON body must be well-formed UTF-8 and hold no NUL byte: the JSON reader checks
 *       that itself ({@code platform/config/WellFormedUtf8}).</li>
 * </ul>
 */
public class JsonRequestBodies {

    @ServerRequestFilter
    public void requireJsonContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (takesJson(resource) && !isJson(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            throw new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json."));
        }
    }

    private static boolean takesJson(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = resource.getResourceClass().getAnnotation(Consumes.class);
        }
        if (consumes == null) {
            return false;
        }
        for (String type : consumes.value()) {
            if (type.startsWith(MediaType.APPLICATION_JSON)) {
                return true;
            }
        }
        return false;
    }

    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return type.getType().equalsIgnoreCase("application") && type.getSubtype().equalsIgnoreCase("json");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
