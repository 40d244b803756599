package org.tipline.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operations of the API as the running application describes them in its OpenAPI
 * document ({@code GET /api/openapi}): method, path, parameters, body schema and the
 * credentials each one asks for. The fuzz is driven by this, so a new endpoint is fuzzed
 * as soon as it is documented.
 */
public final class ApiCatalog {

    /** Who may call an operation, from its {@code security} requirement. */
    public enum Access {
        /** No credentials: tips, the office key, the office login. */
        PUBLIC,
        /** An office bearer token ({@code tlr_...}). */
        OFFICE,
        /** The tipster's credential: {@code Tipster <base64>} or a {@code tlf_} session token, as the operation allows. */
        TIPSTER
    }

    public record QueryParameter(String name, JsonNode schema) {
    }

    public record Operation(String method, String path, List<String> pathParameters, List<QueryParameter> queryParameters,
            JsonNode bodySchema, Access access, Set<String> securitySchemes, boolean answersJson) {

        public String name() {
            return method + " " + path;
        }

        boolean takesBody() {
            return bodySchema != null;
        }

        boolean acceptsTipsterPassphrase() {
            return securitySchemes.contains("tipsterPassphrase");
        }

        boolean acceptsTipsterSession() {
            return securitySchemes.contains("tipsterSession");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode document;
    private final List<Operation> operations;

    private ApiCatalog(JsonNode document, List<Operation> operations) {
        this.document = document;
        this.operations = List.copyOf(operations);
    }

    /** Reads the OpenAPI document (JSON); keeps the operations under {@code pathPrefix}. */
    public static ApiCatalog parse(String openApiJson, String pathPrefix) throws IOException {
        JsonNode document = JSON.readTree(openApiJson);
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(pathPrefix)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields(); items.hasNext(); ) {
                Map.Entry<String, JsonNode> item = items.next();
                if (METHODS.contains(item.getKey())) {
                    operations.add(operation(document, item.getKey().toUpperCase(Locale.ROOT), path.getKey(), item.getValue()));
                }
            }
        }
        return new ApiCatalog(document, operations);
    }

    private static Operation operation(JsonNode document, String method, String path, JsonNode spec) {
        List<String> pathParameters = new ArrayList<>();
        List<QueryParameter> queryParameters = new ArrayList<>();
        for (JsonNode parameter : spec.path("parameters")) {
            switch (parameter.path("in").asText()) {
                case "path" -> pathParameters.add(parameter.path("name").asText());
                case "query" -> queryParameters.add(new QueryParameter(parameter.path("name").asText(),
                        resolve(document, parameter.path("schema"))));
                default -> { }
            }
        }
        JsonNode body = spec.path("requestBody").path("content").path("application/json").path("schema");
        Set<String> schemes = new LinkedHashSet<>();
        boolean anonymous = false;
        for (JsonNode requirement : spec.path("security")) {
            requirement.fieldNames().forEachRemaining(schemes::add);
            anonymous |= requirement.isEmpty(); // {}: may be called with no credential at all
        }
        // The channel key names a front end, not a caller: a tip with or without one is public.
        schemes.remove("channelKey");
        Access access = anonymous || schemes.isEmpty() ? Access.PUBLIC
                : schemes.contains("bearer") ? Access.OFFICE : Access.TIPSTER;
        boolean answersJson = false;
        for (Iterator<Map.Entry<String, JsonNode>> responses = spec.path("responses").fields(); responses.hasNext(); ) {
            Map.Entry<String, JsonNode> response = responses.next();
            if (response.getKey().startsWith("2") && response.getValue().path("content").has("application/json")) {
                answersJson = true;
            }
        }
        return new Operation(method, path, pathParameters, queryParameters,
                body.isMissingNode() ? null : resolve(document, body), access, schemes, answersJson);
    }

    /** A schema with its {@code $ref} followed (one level; property schemas are resolved as they are used). */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int i = 0; i < 10; i++) {
            if (current.has("$ref")) {
                current = document.at(current.get("$ref").asText().substring(1));
            } else if (current.path("anyOf").isArray() && current.path("anyOf").size() == 2
                    && "null".equals(current.path("anyOf").path(1).path("type").asText())) {
                current = current.path("anyOf").path(0); // an optional property: its schema, or null
            } else {
                break;
            }
        }
        return current;
    }

    /**
     * A schema's JSON type, the one that is not {@code null} where the document allows both
     * (an optional property), or {@code fallback} when it names none.
     */
    static String type(JsonNode schema, String fallback) {
        JsonNode type = schema == null ? null : schema.path("type");
        if (type == null || type.isMissingNode()) {
            return fallback;
        }
        if (type.isArray()) {
            for (JsonNode one : type) {
                if (!"null".equals(one.asText())) {
                    return one.asText();
                }
            }
            return fallback;
        }
        return type.asText(fallback);
    }

    JsonNode resolve(JsonNode schema) {
        return resolve(document, schema);
    }

    public List<Operation> operations() {
        return operations;
    }

    /** The methods documented for a path. */
    Set<String> methodsOf(String path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Operation operation : operations) {
            if (operation.path().equals(path)) {
                methods.add(operation.method());
            }
        }
        return methods;
    }
}
