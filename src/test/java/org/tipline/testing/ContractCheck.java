package org.tipline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The API contract, checked on every answer the suite's RestAssured calls get: a request
 * to an operation the published OpenAPI document lists must be answered with a status that
 * the document declares for that operation, and a body that validates against the schema
 * declared for that status and media type. Object schemas are read as closed for this check
 * (no property the document does not name), so a field the code sends but the document
 * leaves out fails as surely as a missing required one. A disagreement fails the test that
 * made the request, naming the operation and what differs.
 *
 * <p>Registered for every Quarkus test by {@link ContractCallback}. The document is fetched
 * from the application under test once per start (its port), so each role's own document
 * is the one checked.
 */
public final class ContractCheck implements Filter {

    static final ContractCheck INSTANCE = new ContractCheck();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final Map<Integer, Document> documents = new ConcurrentHashMap<>();

    private ContractCheck() {
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
            FilterContext context) {
        Response answer = context.next(request, response);
        String fault = fault(request, answer);
        if (fault != null) {
            throw new AssertionError("API contract: " + fault);
        }
        return answer;
    }

    private String fault(FilterableRequestSpecification request, Response answer) {
        URI uri = URI.create(request.getURI());
        if (!"localhost".equals(uri.getHost()) && !"127.0.0.1".equals(uri.getHost())) {
            return null;
        }
        Document document = documents.computeIfAbsent(uri.getPort(), port -> Document.fetch(uri));
        if (document == null) {
            return null;
        }
        return document.check(request.getMethod(), uri.getRawPath(), answer);
    }

    /** Checks one answer against a document; null when they agree. Public for the contract's own tests. */
    public static String check(JsonNode openApi, String method, String path, int status, String contentType,
            String body) {
        return new Document(openApi).check(method, path, status, contentType, body);
    }

    /** Validates a JSON text against a schema of this document (closed, as for answers); null when it passes. */
    public static String validate(JsonNode openApi, JsonNode schema, String json) {
        List<Error> errors = new Document(openApi).compile(schema).validate(json, InputFormat.JSON);
        return errors.isEmpty() ? null : errors.toString();
    }

    /** The OpenAPI document of one running application, with its operations and compiled schemas. */
    static final class Document {

        private final JsonNode root;
        private final List<Operation> operations = new ArrayList<>();
        private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
        private final ObjectNode closedComponents;

        Document(JsonNode root) {
            this.root = root;
            this.closedComponents = root.path("components").isObject()
                    ? (ObjectNode) close(root.path("components").deepCopy()) : JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields();
            while (paths.hasNext()) {
                Map.Entry<String, JsonNode> path = paths.next();
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    Map.Entry<String, JsonNode> op = methods.next();
                    operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                            template(path.getKey()), op.getValue()));
                }
            }
        }

        static Document fetch(URI uri) {
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/api/openapi?format=json"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    return null;
                }
                return new Document(JSON.readTree(answer.body()));
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        String check(String method, String rawPath, Response answer) {
            String body = answer.getBody() == null ? "" : answer.getBody().asString();
            return check(method, rawPath, answer.getStatusCode(), answer.getContentType(), body);
        }

        String check(String method, String rawPath, int status, String contentType, String body) {
            Operation operation = null;
            for (Operation candidate : operations) {
                if (candidate.method().equals(method) && candidate.pattern().matcher(rawPath).matches()) {
                    operation = candidate;
                    break;
                }
            }
            if (operation == null) {
                return null; // not an operation of this document: 404 and 405 are the router's
            }
            String name = method + " " + operation.path();
            JsonNode responses = operation.node().path("responses");
            JsonNode declared = responses.path(Integer.toString(status));
            if (declared.isMissingNode()) {
                declared = responses.path("default");
            }
            if (declared.isMissingNode()) {
                List<String> statuses = new ArrayList<>();
                responses.fieldNames().forEachRemaining(statuses::add);
                return name + " answered " + status + ", but the document declares only " + statuses;
            }
            if (declared.has("$ref")) {
                declared = resolve(declared.path("$ref").asText());
            }
            JsonNode content = declared.path("content");
            boolean hasBody = body != null && !body.isEmpty() && !"HEAD".equals(method);
            if (!content.isObject() || content.isEmpty()) {
                return hasBody ? name + " answered " + status + " with a body the document does not describe" : null;
            }
            if (!hasBody) {
                return "HEAD".equals(method) ? null : name + " answered " + status + " without the body the document describes";
            }
            String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
            JsonNode media = content.path(mediaType);
            if (media.isMissingNode()) {
                List<String> types = new ArrayList<>();
                content.fieldNames().forEachRemaining(types::add);
                return name + " answered " + status + " as " + mediaType + ", but the document describes " + types;
            }
            JsonNode schema = media.path("schema");
            if (schema.isMissingNode() || !mediaType.endsWith("json")) {
                return null;
            }
            String key = name + " " + status + " " + mediaType;
            Schema validator = compiled.computeIfAbsent(key, ignored -> compile(schema));
            List<Error> errors = validator.validate(body, InputFormat.JSON);
            if (!errors.isEmpty()) {
                StringBuilder text = new StringBuilder(name + " answered " + status + " with a body that breaks its schema:");
                errors.stream().limit(8).forEach(error -> text.append("\n  ").append(error));
                return text.toString();
            }
            return null;
        }

        private JsonNode resolve(String ref) {
            JsonNode node = root;
            for (String part : ref.substring(2).split("/")) {
                node = node.path(part.replace("~1", "/").replace("~0", "~"));
            }
            return node;
        }

        private Schema compile(JsonNode schema) {
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            wrapper.set("components", closedComponents);
            ArrayNode all = wrapper.putArray("allOf");
            all.add(close(schema.deepCopy()));
            return SCHEMAS.getSchema(wrapper.toString(), InputFormat.JSON);
        }
    }

    /**
     * Marks every object schema that names its properties, and says nothing of others, as
     * closed: for this check the document must name every property an answer carries.
     */
    static JsonNode close(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(ContractCheck::close);
        } else if (schema.isArray()) {
            schema.elements().forEachRemaining(ContractCheck::close);
        }
        return schema;
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private record Operation(String method, String path, Pattern pattern, JsonNode node) {
    }

    /** Reads a JSON resource of the test class path. */
    public static JsonNode readResource(String name) {
        try (InputStream in = ContractCheck.class.getResourceAsStream(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
