package org.tipline.platform.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.tipline.platform.privacy.OriginStripper;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemType;

/**
 * Refuses oversized bodies before anything reads them, with a problem+json 413. A declared
 * Content-Length is checked at once; a chunked body is read up to the limit and no further.
 * Runs right after the {@link OriginStripper}, before any parsing or public-key work.
 */
@ApplicationScoped
public class BodyLimit {

    private final long limit;
    private final BodyHandler chunkedBodies;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        this.limit = limit.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(this.limit).setHandleFileUploads(false);
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, OriginStripper.PRIORITY - 1);
        filters.register(BodyLimit::emptyChunkedBody, OriginStripper.PRIORITY - 3);
    }

    void check(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                HttpProblems.send(context, Problem.of(ProblemType.BAD_REQUEST, "Content-Length is not a number."));
            } else if (length > limit) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
                HttpProblems.send(context, tooLarge());
            } else {
                context.next();
            }
        } else if (context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            chunkedBodies.handle(context); // fails the context with 413 past the limit
            // A broken chunked body (a chunk size that is not hex, say) is the client's fault: 400, not an
            // internal error. The HTTP codec closes the connection right after, so the answer may not arrive.
            context.request().exceptionHandler(broken -> context.fail(400, broken));
        } else {
            context.next();
        }
    }

    /**
     * Runs after {@link #check}: a chunked body with no data (only the last, empty chunk) is an
     * empty body. Left unset, the REST layer would wait for the body of a request that has
     * already ended, and never answer.
     */
    static void emptyChunkedBody(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null && context.body().buffer() == null) {
            context.setBody(Buffer.buffer());
        }
        context.next();
    }

    Problem tooLarge() {
        return Problem.of(ProblemType.TOO_LARGE, "The body is larger than " + limit + " bytes.");
    }
}
