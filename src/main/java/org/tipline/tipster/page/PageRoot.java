package org.tipline.tipster.page;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Serves the tip form at {@code /}: the request is handed, inside the server, to the form's
 * resource at {@code /page} with its query (the language), so the tipster's address stays
 * {@code /}. Only GET and HEAD of exactly {@code /}; the role gate and the front door have
 * already run, and run again for {@code /page}.
 */
@ApplicationScoped
public class PageRoot {

    void route(@Observes Router router) {
        router.route("/").method(HttpMethod.GET).method(HttpMethod.HEAD)
                .handler(context -> {
                    String query = context.request().query();
                    context.reroute(query == null ? "/page" : "/page?" + query);
                });
    }
}
