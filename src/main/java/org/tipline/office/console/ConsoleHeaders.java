package org.tipline.office.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.tipline.office.signin.ConsoleProviderSettings;
import org.tipline.platform.privacy.OriginStripper;

/**
 * The headers of every answer under {@code /office} (the console's shell, scripts, styles and
 * texts): a Content-Security-Policy that lets the console load, run, style and fetch from
 * tipline's own origin only, never anything inline, post no form elsewhere, and be framed by
 * nobody. When the console signs staff in at the office's identity provider
 * ({@code tipline.console.oidc.*}), it may also fetch from the provider's origin (its discovery
 * document and token endpoint), and from nowhere else. The front door already sets {@code Referrer-Policy: no-referrer},
 * {@code X-Content-Type-Options: nosniff} and {@code Cache-Control: no-store} on every answer,
 * and tipline sets no cookie. {@code /office} itself is sent on to {@code /office/}, so that
 * the shell's relative addresses resolve. The role gate has run before both: an intake
 * process answers 404 here.
 */
@ApplicationScoped
public class ConsoleHeaders {

    private final String policy;

    public ConsoleHeaders(ConsoleProviderSettings provider) {
        this.policy = policy(provider.providerOrigin());
    }

    /** The policy; {@code providerOrigin} (checked to be a bare origin by ConsoleProviderSettings) joins connect-src. */
    static String policy(String providerOrigin) {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'"
                + (providerOrigin == null ? "" : " " + providerOrigin)
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

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
            context.response().putHeader("Content-Security-Policy", policy);
        }
        context.next();
    }

    static boolean isConsolePath(String path) {
        return path.equals("/office") || path.startsWith("/office/");
    }
}
