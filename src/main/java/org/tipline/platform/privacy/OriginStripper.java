package org.tipline.platform.privacy;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.tipline.platform.http.CrossOriginPolicy;
import org.tipline.platform.http.HttpProblems;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemType;

/**
 * The front door. Runs before every other handler on every route and removes from the
 * Vert.x request every header that is not on a short allowlist, so that no later code
 * (resources, error handlers, metrics, logs) can see forwarding headers, user agent,
 * cookies, referrer, accept-language or anything else that could point at the tipster.
 *
 * <p>The TCP peer address cannot be removed; tipline never reads it, and access logging
 * and proxy-address forwarding stay off (see docs/threat-model.md).
 *
 * <p>The {@code Origin} header is read here, and only here, to answer CORS for the paths
 * that front ends on other origins call ({@link CrossOriginPolicy}): a preflight is answered
 * right here and goes no further; an actual request gets its grant on the answer. Then the
 * header is dropped like every other: it is never stored, logged, counted or tagged.
 * Quarkus's own CORS filter stays off ({@code quarkus.http.cors.enabled} is never set).
 */
@ApplicationScoped
public class OriginStripper {

    /** Higher runs first; nothing of tipline's or Quarkus's runs before this. */
    public static final int PRIORITY = Integer.MAX_VALUE;

    /** The header a front end's channel key travels in (lower case, as the allowlist holds names). */
    public static final String CHANNEL_KEY_HEADER = "x-tipline-channel-key";

    /** The only request headers that reach tipline's code. Everything else is dropped. */
    public static final Set<String> ALLOWED_HEADERS = Set.of(
            "host",              // routing only; names the server, not the client
            "content-type",
            "content-length",
            "transfer-encoding",
            "expect",            // 100-continue from curl and some mobile HTTP stacks
            "connection",
            "accept",
            "authorization",     // reviewer and tipster credentials (later issues)
            "x-tipline-proof",   // a solved proof-of-work challenge (docs/proof-of-work.md)
            CHANNEL_KEY_HEADER); // the front end's channel key (docs/channels.md)

    /** How long a browser may keep a preflight grant. */
    static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final CrossOriginPolicy crossOrigin;

    public OriginStripper(CrossOriginPolicy crossOrigin) {
        this.crossOrigin = crossOrigin;
    }

    void register(@Observes Filters filters) {
        filters.register(this::strip, PRIORITY);
    }

    void strip(RoutingContext context) {
        MultiMap headers = context.request().headers();
        // Read before the headers go; held in locals for this call only.
        String origin = headers.get("origin");
        String preflightMethod = headers.get("access-control-request-method");
        String preflightHeaders = headers.get("access-control-request-headers");
        List<String> names = new ArrayList<>(headers.names());
        for (String name : names) {
            if (!ALLOWED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.remove(name);
            }
        }
        context.response()
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                // Tips, receipts and office data must not sit in a browser or proxy cache.
                .putHeader("Cache-Control", "no-store");
        if (origin != null && crossOrigin(context, origin, preflightMethod, preflightHeaders)) {
            return; // a preflight, or a request refused for its origin, answered here
        }
        context.next();
    }

    /**
     * Adds the CORS grant a front-end path's answer may carry. Returns true when the request
     * was a preflight for such a path, which is answered here with 204: with the grant when
     * the origin is one of an active channel's, with no Access-Control header at all when not.
     * Every other path (the office API, unknown paths) gets no CORS header in any case.
     */
    /** Whether a preflight's Access-Control-Request-Headers names {@code header}. */
    static boolean requests(String preflightHeaders, String header) {
        if (preflightHeaders == null) {
            return false;
        }
        for (String name : preflightHeaders.split(",")) {
            if (name.trim().equalsIgnoreCase(header)) {
                return true;
            }
        }
        return false;
    }

    private boolean crossOrigin(RoutingContext context, String origin, String preflightMethod, String preflightHeaders) {
        Optional<CrossOriginPolicy.FrontEndPath> found = crossOrigin.frontEndPath(context.normalizedPath());
        if (found.isEmpty()) {
            return false;
        }
        CrossOriginPolicy.FrontEndPath path = found.get();
        HttpServerResponse response = context.response();
        response.putHeader("Vary", "Origin");
        HttpMethod method = context.request().method();
        if (HttpMethod.OPTIONS.equals(method) && preflightMethod != null) {
            if (path.methods().contains(preflightMethod) && crossOrigin.allowsPreflight(origin, path)
                    && (!path.keyedByChannel() || requests(preflightHeaders, CHANNEL_KEY_HEADER))) {
                response.putHeader("Access-Control-Allow-Origin", origin)
                        .putHeader("Access-Control-Allow-Methods", String.join(", ", path.methods()))
                        .putHeader("Access-Control-Allow-Headers", String.join(", ", path.headers()))
                        .putHeader("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
            }
            response.setStatusCode(204).end();
            return true;
        }
        String channelKey = context.request().headers().get(CHANNEL_KEY_HEADER);
        CrossOriginPolicy.RequestGrant grant = crossOrigin.requestGrant(origin, path, method.name(), channelKey);
        if (grant == CrossOriginPolicy.RequestGrant.REFUSE) {
            // A channel's key from an origin the channel does not list: the browser would hide
            // the answer, so the tip is not taken (a receipt nobody can read loses the tipster
            // their passphrase).
            HttpProblems.send(context, Problem.of(ProblemType.FORBIDDEN,
                    "This channel's key is not accepted from this origin (docs/channels.md)."));
            return true;
        }
        if (grant == CrossOriginPolicy.RequestGrant.GRANT) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", "Retry-After");
        }
        return false;
    }
}
