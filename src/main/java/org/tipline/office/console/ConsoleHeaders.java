package org.tipline.office.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.tipline.platform.privacy.OriginStripper;

/**
 * The headers of every answer under {@code /office} (the console's shell, scripts, styles and
 * texts): a Content-Security-Policy that lets the console load, run, style and fetch from
 * tipline's own origin only, never anything inline, post no form elsewhere, and be framed by
 * nobody. The front door already sets {@code Referrer-Policy: no-referrer},
 * {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store} on every answer,
 * and tipline sets no cookie. {@code /office} itself is sent on to {@code /office/}, so that
 * the shell's relative addresses resolve. The role gate has run before both: an intake
 * process answers 404 here.
 */
@ApplicationScoped
public class ConsoleHeaders {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void register(@Observes Filters filters) {
        filters.register(this::add, OriginStripper.PRIORITY - 3);
    }

    void route(@Observes Router router) {
        // The router matches /office/ here too: that one goes on to the shell.
        router.route("/office").method(HttpMethod.GET).method(HttpMethod.HEAD).handler(context -> {
            if ("/office".equals(context.request().path())) {
                context.response().setStatusCode(302).putHeader("Location", "/office/").end();
            } else {
                context.next();
            }
        });
    }

    void add(RoutingContext context) {
        if (isConsolePath(context.normalizedPath())) {
            context.response().putHeader("Content-Security-Policy", POLICY);
        }
        context.next();
    }

    static boolean isConsolePath(String path) {
        return path.equals("/office") || path.startsWith("/office/");
    }
}
