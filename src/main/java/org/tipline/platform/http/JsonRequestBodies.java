package org.tipline.platform.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tipline.platform.privacy.OriginStripper;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 *   <li>A JSON body must be well-formed UTF-8 (no overlong forms, encoded surrogates or code
 *       points past U+10FFFF, which Jackson's own decoder lets through) and hold no NUL byte
 *       (which JSON never needs, and which would let Jackson read it as UTF-16 or UTF-32).</li>
 * </ul>
 * The body check is a route filter, before the REST layer: a body sent as JSON is read
 * (within the size limit {@link BodyLimit} has checked) and checked there, and the REST layer
 * then reads the same buffer. A reader interceptor would do the same, but makes the REST layer
 * look up the resource method's parameter annotations by reflection on every request, which
 * the plain tip's profile showed (bench/RESULTS.md, "The plain tip's cost").
 */
@ApplicationScoped
public class JsonRequestBodies {

    /** After the origin stripper, the size limit, the role gate and the response headers. */
    static final int PRIORITY = OriginStripper.PRIORITY - 4;

    private final BodyHandler bodies;

    public JsonRequestBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.bodies = BodyHandler.create(false).setBodyLimit(limit.asLongValue()).setHandleFileUploads(false);
    }

    void register(@Observes Filters filters) {
        filters.register(this::read, PRIORITY);
        filters.register(JsonRequestBodies::check, PRIORITY - 1);
    }

    /** Reads a body sent as JSON, unless an earlier filter already has (a chunked body). */
    void read(RoutingContext context) {
        if (sentAsJson(context) && context.body().buffer() == null && hasBody(context)) {
            bodies.handle(context); // goes on to the next filter once the body is read
        } else {
            context.next();
        }
    }

    /** Refuses a body sent as JSON that is not well-formed UTF-8 or holds a NUL byte. */
    static void check(RoutingContext context) {
        Buffer body = sentAsJson(context) ? context.body().buffer() : null;
        if (body != null && !isUtf8WithoutNul(body.getBytes())) {
            HttpProblems.send(context, Problem.of(ProblemType.MALFORMED_JSON, "The body is not well-formed UTF-8 JSON."));
        } else {
            context.next();
        }
    }

    @ServerRequestFilter
    public void requireJsonContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (takesJson(resource) && !isJson(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            throw new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json."));
        }
    }

    private static boolean sentAsJson(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(type));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        return length == null ? context.request().getHeader("Transfer-Encoding") != null : !"0".equals(length.trim());
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

    static boolean isUtf8WithoutNul(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
