package org.tipline.platform.privacy;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import java.util.Locale;
import java.util.TreeSet;

/** Test-only: reports the header names that application code can see, at both layers. */
@Path("/test/seen-headers")
public class HeaderEchoResource {

    @GET
    @Operation(hidden = true)
    @Produces(MediaType.APPLICATION_JSON)
    public SeenHeaders seen(@Context HttpHeaders jaxrs, RoutingContext vertx) {
        TreeSet<String> jaxrsNames = new TreeSet<>();
        jaxrs.getRequestHeaders().keySet().forEach(name -> jaxrsNames.add(name.toLowerCase(Locale.ROOT)));
        TreeSet<String> vertxNames = new TreeSet<>();
        vertx.request().headers().names().forEach(name -> vertxNames.add(name.toLowerCase(Locale.ROOT)));
        return new SeenHeaders(List.copyOf(jaxrsNames), List.copyOf(vertxNames), vertx.request().cookies().size());
    }

    public record SeenHeaders(List<String> jaxrs, List<String> vertx, int cookies) {
    }
}
