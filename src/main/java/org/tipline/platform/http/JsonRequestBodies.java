package org.tipline.platform.http;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * Bodies are at most the configured limit (64 KiB by default), so checking one is cheap.
 */
@Provider
public class JsonRequestBodies implements ReaderInterceptor {

    @ServerRequestFilter
    public void requireJsonContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (takesJson(resource) && !isJson(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            throw new ProblemException(Problem.of(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the body as application/json."));
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (MediaType.APPLICATION_JSON_TYPE.isCompatible(context.getMediaType())) {
            byte[] body = context.getInputStream().readAllBytes();
            if (!isUtf8WithoutNul(body)) {
                throw new ProblemException(Problem.of(ProblemType.MALFORMED_JSON,
                        "The body is not well-formed UTF-8 JSON."));
            }
            context.setInputStream(new ByteArrayInputStream(body));
        }
        return context.proceed();
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
