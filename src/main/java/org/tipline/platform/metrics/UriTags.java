package org.tipline.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code uri} tag of the HTTP server metrics takes its value from a closed set: the REST
 * layer's path templates (such as {@code /api/v1/review/tips/{reference}}), the OpenAPI
 * document's paths, and the fixed words Quarkus uses ({@code root}, {@code NOT_FOUND},
 * {@code REDIRECTION}, {@code UNKNOWN}). Any other value is a path as the client spelled it
 * and is counted under {@code NOT_FOUND} (status 404), {@code REDIRECTION} (3xx) or
 * {@code UNKNOWN}.
 * <p>
 * Quarkus tags a request with its template when the REST layer matched one, and otherwise
 * with the path as sent: for the automatic answer to {@code OPTIONS} ({@code OPTIONS
 * /api/v1/tips;anything} is a 200), for a 404 whose path only collapses to something shorter
 * ({@code //api/v1/anything}), and for a request the client broke off. Through those a client
 * could write tag values of its choosing and use up the metrics' 100 URI tags.
 */
@Singleton
public class UriTags implements MeterFilter {

    static final String URI = "uri";
    static final String UNKNOWN = "UNKNOWN";
    static final String NOT_FOUND = "NOT_FOUND";
    static final String REDIRECTION = "REDIRECTION";
    /** Quarkus's own values for requests that matched no template. */
    static final Set<String> WORDS = Set.of("root", UNKNOWN, NOT_FOUND, REDIRECTION, "/cors-preflight");

    private static final String HTTP_SERVER = "http.server.";
    private static final Pattern SLASHES = Pattern.compile("/{2,}");

    private final Set<String> allowed;

    /** The resources are beans (Quarkus REST makes every resource class one), so the bean manager lists them all. */
    @Inject
    public UriTags(BeanManager beans,
            @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "/q/openapi") String openApiPath) {
        this(beans.getBeans(Object.class, Any.Literal.INSTANCE).stream().<Class<?>>map(Bean::getBeanClass).toList(),
                openApiPath);
    }

    UriTags(List<Class<?>> classes, String openApiPath) {
        Set<String> values = new HashSet<>(WORDS);
        for (Class<?> type : classes) {
            values.addAll(templates(type));
        }
        for (String suffix : List.of("", ".json", ".yaml", ".yml")) {
            values.add(normalized(openApiPath + suffix));
        }
        this.allowed = Set.copyOf(values);
    }

    /** The path templates a JAX-RS resource class declares, as Quarkus writes them in the {@code uri} tag. */
    static Set<String> templates(Class<?> resource) {
        Path root = resource.getAnnotation(Path.class);
        if (root == null) {
            return Set.of();
        }
        Set<String> templates = new HashSet<>();
        templates.add(normalized(root.value()));
        for (Method method : resource.getMethods()) {
            Path path = method.getAnnotation(Path.class);
            if (path != null) {
                templates.add(normalized(root.value() + "/" + path.value()));
            }
        }
        return templates;
    }

    /** Runs of slashes collapsed, a leading slash, no trailing slash: how Quarkus writes a template in the tag. */
    static String normalized(String template) {
        String path = SLASHES.matcher("/" + template).replaceAll("/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public Meter.Id map(Meter.Id id) {
        String uri = id.getTag(URI);
        if (uri == null || !id.getName().startsWith(HTTP_SERVER) || allowed.contains(uri)) {
            return id;
        }
        return id.replaceTags(Tags.of(id.getTagsAsIterable()).and(Tag.of(URI, standIn(id.getTag("status")))));
    }

    /** What Quarkus writes for a path that matched no template, by the answer's status. */
    static String standIn(String status) {
        if ("404".equals(status)) {
            return NOT_FOUND;
        }
        return status != null && status.length() == 3 && status.charAt(0) == '3' ? REDIRECTION : UNKNOWN;
    }
}
