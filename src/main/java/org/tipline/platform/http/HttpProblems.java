package org.tipline.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemType;
import org.tipline.platform.problem.Refusals;

/**
 * Problem documents for failures that happen at the HTTP layer, outside the REST
 * resources (an oversized chunked body, a failed route): the same problem+json as
 * everywhere else, never Quarkus's default error page.
 */
@ApplicationScoped
public class HttpProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(HttpProblems::onFailure);
    }

    static void onFailure(RoutingContext context) {
        int status = context.statusCode();
        Throwable failure = context.failure();
        if (failure instanceof HttpClosedException) {
            return; // the client has gone: there is nobody to answer, and nothing went wrong on our side
        }
        if (status < 400) {
            Log.errorf("unexpected %s at the HTTP layer", failure == null ? "failure" : failure.getClass().getName());
            status = 500;
        }
        ProblemType type = ProblemType.forStatus(status);
        if (type == ProblemType.TOO_LARGE) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        send(context, new Problem(type.uri(), type.title(), status, type.title() + ".", null));
    }

    public static void send(RoutingContext context, Problem problem) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten()) {
            return;
        }
        Refusals.count(problem);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":500}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
