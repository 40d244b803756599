package org.tipline.tipster.page;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.regex.Pattern;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.privacy.OriginStripper;

/**
 * The headers of every answer under the page's paths ({@code /} and {@code /page/...}): a
 * Content-Security-Policy that lets the page load, run, style, fetch, start workers and post
 * forms from tipline's own origin only, never anything inline, and be framed only by the
 * origins of {@code tipline.page.frame-ancestors}. {@code 'wasm-unsafe-eval'} lets the page
 * compile WebAssembly (the sealer's Argon2id, hash-wasm) and nothing else: no {@code eval}, no
 * inline script. The front door already sets
 * {@code Referrer-Policy: no-referrer}, {@code X-Content-Type-Options: nosniff} and
 * {@code Cache-Control: no-store} on every answer, and tipline sets no cookie anywhere.
 */
@ApplicationScoped
public class PageHeaders {

    /** A framing origin: a scheme, a host (optionally {@code *.} before it) and an optional port; nothing else. */
    private static final Pattern ORIGIN = Pattern.compile("https?://(\\*\\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    private final String policy;

    public PageHeaders(TiplineConfig config) {
        this.policy = policy(config.page().frameAncestors().orElse(List.of()));
    }

    /** The policy, with {@code frameAncestors} checked so that no setting can add a directive of its own. */
    static String policy(List<String> frameAncestors) {
        for (String origin : frameAncestors) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("tipline.page.frame-ancestors: each entry must be an origin such as "
                        + "https://www.example.org (scheme, host and optional port, nothing else)");
            }
        }
        String ancestors = frameAncestors.isEmpty() ? "'none'" : String.join(" ", frameAncestors);
        return "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "worker-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors " + ancestors;
    }

    void register(@Observes Filters filters) {
        filters.register(this::add, OriginStripper.PRIORITY - 3);
    }

    void add(RoutingContext context) {
        if (isPagePath(context.normalizedPath())) {
            context.response().putHeader("Content-Security-Policy", policy);
        }
        context.next();
    }

    static boolean isPagePath(String path) {
        return path.equals("/") || path.equals("/page") || path.startsWith("/page/");
    }
}
