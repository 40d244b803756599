package org.tipline.platform.privacy;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The front door. Runs before every other handler on every route and removes from the
 * Vert.x request every header that is not on a short allowlist, so that no later code
 * (resources, error handlers, metrics, logs) can see forwarding headers, user agent,
 * cookies, referrer, accept-language or anything else that could point at the tipster.
 *
 * <p>The TCP peer address cannot be removed; tipline never reads it, and access logging
 * and proxy-address forwarding stay off (see docs/threat-model.md).
 */
@ApplicationScoped
public class OriginStripper {

    /** Higher runs first; nothing of tipline's or Quarkus's runs before this. */
    public static final int PRIORITY = Integer.MAX_VALUE;

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
            "x-tipline-proof");  // a solved proof-of-work challenge (docs/proof-of-work.md)

    void register(@Observes Filters filters) {
        filters.register(this::strip, PRIORITY);
    }

    void strip(RoutingContext context) {
        MultiMap headers = context.request().headers();
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
        context.next();
    }
}
