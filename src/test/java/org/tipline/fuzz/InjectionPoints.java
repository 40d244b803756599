package org.tipline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tipline.fuzz.ApiCatalog.Access;
import org.tipline.fuzz.ApiCatalog.Operation;
import org.tipline.fuzz.ApiCatalog.QueryParameter;

/**
 * One text put, in turn, into every place of every documented operation where a client can
 * put text: each body field, an unknown field's name, each path and query parameter, and the
 * headers. Each request is otherwise valid and carries real credentials, so the text gets as
 * far into tipline as it can. Used to prove that no input reaches the log.
 */
public final class InjectionPoints {

    /**
     * One request, and where the text sits in it. The bytes are made when asked for, with the
     * credentials of that moment: an earlier probe may have signed out.
     */
    public record Probe(String operation, String where, Supplier<byte[]> request) {
    }

    private final ApiCatalog catalog;
    private final FuzzIdentity identity;
    private final String authority;
    private final JsonBodies bodies;

    public InjectionPoints(ApiCatalog catalog, FuzzIdentity identity, String authority) {
        this.catalog = catalog;
        this.identity = identity;
        this.authority = authority;
        // The generator's notion of valid values, so that only the injected field is unusual.
        CaseGenerator values = new CaseGenerator(catalog, identity, authority, 1);
        this.bodies = new JsonBodies(catalog, values::knownGood);
    }

    /**
     * Probes for {@code text}. Header values cannot carry CR, LF or other C0 controls through
     * the HTTP codec (it refuses them), so headers get {@code headerText}, which may hold
     * C1 controls, line separators and the like.
     */
    public List<Probe> everywhere(String text, String headerText) {
        List<Probe> probes = new ArrayList<>();
        for (Operation operation : catalog.operations()) {
            String path = realPath(operation);
            if (operation.takesBody()) {
                JsonNode schema = operation.bodySchema();
                for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    List<JsonBodies.Member> members = replaced(valid(schema), field.getKey(),
                            holding(catalog.resolve(field.getValue()), text));
                    probes.add(probe(operation, "body field " + field.getKey(), path, List.of(), JsonBodies.object(members)));
                }
                List<JsonBodies.Member> extra = new ArrayList<>(valid(schema));
                extra.add(new JsonBodies.Member(text, Hostile.quote(text)));
                probes.add(probe(operation, "name of an unknown body field", path, List.of(), JsonBodies.object(extra)));
            }
            String body = operation.takesBody() ? JsonBodies.object(valid(operation.bodySchema())) : null;
            for (String parameter : operation.pathParameters()) {
                probes.add(probe(operation, "path parameter " + parameter,
                        operation.path().replace("{" + parameter + "}", Hostile.percentEncode(text))
                                .replaceAll("\\{[a-z]+}", identity.reference()), List.of(), body));
            }
            for (QueryParameter parameter : operation.queryParameters()) {
                probes.add(probe(operation, "query parameter " + parameter.name(),
                        path + "?" + parameter.name() + "=" + Hostile.percentEncode(text), List.of(), body));
            }
            for (String header : List.of("User-Agent", "Referer", "Cookie", "Accept-Language", "X-Request-Id", "Accept")) {
                probes.add(probe(operation, "header " + header, path, oneHeader(header, headerText), body));
            }
            probes.add(probe(operation, "Content-Type parameter", path,
                    oneHeader("Content-Type", "application/json; x=" + headerText), body));
            for (String credential : List.of("Bearer " + headerText,
                    "Tipster " + base64(text + ":" + text),
                    "Tipster " + base64(identity.reference() + ":" + text))) {
                probes.add(probe(operation, "Authorization", path, oneHeader("Authorization", credential), body));
            }
        }
        return probes;
    }

    private Probe probe(Operation operation, String where, String target, List<String[]> extraHeaders, String body) {
        return new Probe(operation.name(), where, () -> request(operation, target, extraHeaders, body));
    }

    private byte[] request(Operation operation, String target, List<String[]> extraHeaders, String body) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", authority});
        boolean ownAuthorization = extraHeaders.stream().anyMatch(h -> h[0].equals("Authorization"));
        if (!ownAuthorization && operation.access() != Access.PUBLIC) {
            headers.add(new String[] {"Authorization", operation.access() == Access.OFFICE ? "Bearer " + identity.officeToken()
                    : "Bearer " + identity.tipsterToken()});
        }
        headers.addAll(extraHeaders);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            if (extraHeaders.stream().noneMatch(h -> h[0].equals("Content-Type"))) {
                headers.add(new String[] {"Content-Type", "application/json"});
            }
            headers.add(new String[] {"Content-Length", Integer.toString(bytes.length)});
        }
        return RawHttp.request(operation.method() + " " + target + " HTTP/1.1", headers, bytes);
    }

    private String realPath(Operation operation) {
        String path = operation.path();
        for (String parameter : operation.pathParameters()) {
            path = path.replace("{" + parameter + "}", parameter.equals("username") ? identity.otherUsername() : identity.reference());
        }
        return path;
    }

    private List<JsonBodies.Member> valid(JsonNode schema) {
        return bodies.valid(schema, new SplittableRandom(7), false);
    }

    /** The text as a value of the field's type: a string, a one-string array, or a one-entry object. */
    private static String holding(JsonNode schema, String text) {
        return switch (ApiCatalog.type(schema, "string")) {
            case "array" -> "[" + Hostile.quote(text) + "]";
            case "object" -> "{" + Hostile.quote(text) + ":" + Hostile.quote(text) + "}";
            default -> Hostile.quote(text);
        };
    }

    private static List<JsonBodies.Member> replaced(List<JsonBodies.Member> members, String name, String json) {
        List<JsonBodies.Member> out = new ArrayList<>();
        for (JsonBodies.Member member : members) {
            if (!member.name().equals(name)) {
                out.add(member);
            }
        }
        out.add(new JsonBodies.Member(name, json));
        return out;
    }

    private static List<String[]> oneHeader(String name, String value) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {name, value});
        return headers;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
