package org.tipline.platform.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.tipline.platform.config.TiplineConfig;
import org.tipline.platform.problem.Problem;
import org.tipline.platform.problem.ProblemType;

/**
 * Completes the published OpenAPI document with what holds for every operation alike, so
 * that the resources declare only what is particular to them:
 *
 * <ul>
 *   <li>the error answers each operation can give, by what it takes: a body (400, 413, 415),
 *       parameters (400), a tip reference in its path (404), a credential (401, 403), a tip's
 *       office records (409, for a record that no longer decrypts among others), and for
 *       all of them 406 and the 503s of a busy or unreachable database; each with the
 *       problem types it may carry, an example of each, and the {@code Problem} schema;</li>
 *   <li>a description for every answer that has none (OpenAPI requires one);</li>
 *   <li>{@code null} as an allowed value of every property that is not required, which is
 *       what the JSON codec sends for an absent value;</li>
 *   <li>closed request bodies ({@code additionalProperties: false}): unknown fields are
 *       refused with {@code /problems/unknown-field};</li>
 *   <li>the program's categories as the enum of a tip's {@code category}, read from this
 *       process's settings;</li>
 *   <li>a relative {@code servers} entry, so that a client and Swagger UI call the server
 *       that served the document.</li>
 * </ul>
 *
 * <p>testing/ContractCheck holds the suite's answers to this document.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ApiDocumentFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        TiplineConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(TiplineConfig.class);
        openAPI.setServers(List.of(OASFactory.createServer().url("/")
                .description("The tipline server that serves this document")));
        java.util.Set<String> requestSchemas = new java.util.HashSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
                for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                    complete(path.getKey(), operation.getValue(), path.getValue().getParameters(), requestSchemas);
                }
            }
        }
        Map<String, Schema> schemas = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        if (schemas != null) {
            schemas.values().forEach(ApiDocumentFilter::allowNullForOptional);
            for (String name : requestSchemas) {
                Schema schema = schemas.get(name);
                if (schema != null && schema.getProperties() != null && schema.getAdditionalPropertiesSchema() == null) {
                    schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
                }
            }
            for (String name : List.of("TipSubmission", "SealedTipEnvelope")) {
                Schema submission = schemas.get(name);
                if (submission != null && submission.getProperties() != null) {
                    Schema category = submission.getProperties().get("category");
                    if (category != null) {
                        category.setEnumeration(new ArrayList<>(config.intake().categories()));
                    }
                }
            }
        }
    }

    private static void complete(String path, Operation operation, List<Parameter> pathParameters,
            java.util.Set<String> requestSchemas) {
        if (operation.getResponses() == null) {
            return;
        }
        Map<Integer, List<ProblemType>> problems = new TreeMap<>();
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (pathParameters != null && !pathParameters.isEmpty());
        if (hasBody) {
            closeRequestBody(operation, requestSchemas);
            add(problems, ProblemType.MALFORMED_JSON, ProblemType.INVALID_FIELD, ProblemType.UNKNOWN_FIELD,
                    ProblemType.BAD_REQUEST, ProblemType.TOO_LARGE, ProblemType.UNSUPPORTED_MEDIA_TYPE);
        }
        if (hasParameters) {
            add(problems, ProblemType.INVALID_FIELD, ProblemType.BAD_REQUEST);
        }
        if (path.contains("{reference}") || path.contains("{username}") || path.contains("{name}")) {
            add(problems, ProblemType.NOT_FOUND);
        }
        if (path.startsWith("/api/v1/review/channels/")) {
            add(problems, ProblemType.CONFLICT); // a revoked channel cannot be rotated or changed
        }
        if (path.equals("/api/v1/tips/sealed")) {
            add(problems, ProblemType.SEALED_MALFORMED, ProblemType.SEALED_KEY_UNKNOWN, ProblemType.BINDING_INVALID,
                    ProblemType.BINDING_EXPIRED, ProblemType.PROOF_MISSING, ProblemType.PROOF_INVALID,
                    ProblemType.PROOF_EXPIRED, ProblemType.PROOF_REPLAYED, ProblemType.PROOF_TOO_EASY,
                    ProblemType.BINDING_REPLAYED, ProblemType.SEALED_TOO_LARGE, ProblemType.CHANNEL_KEY,
                    ProblemType.QUOTA_SPENT);
        }
        if (path.startsWith("/api/v1/review/tips")) {
            // A stored record that no longer decrypts, a closed conversation, a tip from before
            // follow-up, a paid reward or a payout code that does not match.
            add(problems, ProblemType.CONFLICT);
        }
        List<SecurityRequirement> security = operation.getSecurity();
        if (security != null && !security.isEmpty()) {
            add(problems, ProblemType.UNAUTHORIZED);
            boolean office = security.stream().anyMatch(requirement -> requirement.hasScheme("bearer"));
            if (office) {
                add(problems, ProblemType.FORBIDDEN);
            }
        }
        add(problems, ProblemType.NOT_ACCEPTABLE, ProblemType.BUSY, ProblemType.STORAGE_UNAVAILABLE);
        for (Map.Entry<Integer, List<ProblemType>> status : problems.entrySet()) {
            String code = Integer.toString(status.getKey());
            APIResponse response = operation.getResponses().getAPIResponse(code);
            if (response == null) {
                response = OASFactory.createAPIResponse().description(status.getValue().get(0).title());
                operation.getResponses().addAPIResponse(code, response);
            }
        }
        for (Map.Entry<String, APIResponse> response : operation.getResponses().getAPIResponses().entrySet()) {
            int status = Integer.parseInt(response.getKey());
            APIResponse answer = response.getValue();
            if (answer.getDescription() == null || answer.getDescription().isBlank()) {
                answer.setDescription(defaultDescription(status));
            }
            if (status >= 400) {
                describeProblems(answer, problems.getOrDefault(status, typesOf(status)));
            }
        }
    }

    private static void add(Map<Integer, List<ProblemType>> problems, ProblemType... types) {
        for (ProblemType type : types) {
            List<ProblemType> list = problems.computeIfAbsent(type.status(), status -> new ArrayList<>());
            if (!list.contains(type)) {
                list.add(type);
            }
        }
    }

    private static List<ProblemType> typesOf(int status) {
        List<ProblemType> types = new ArrayList<>();
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status && type != ProblemType.INTERNAL) {
                types.add(type);
            }
        }
        return types;
    }

    /** A problem answer: the Problem schema, the problem types it may carry, and an example of each. */
    private static void describeProblems(APIResponse answer, List<ProblemType> types) {
        Content content = answer.getContent();
        if (content == null) {
            content = OASFactory.createContent();
            answer.setContent(content);
        }
        MediaType media = content.getMediaType(Problem.MEDIA_TYPE);
        if (media == null) {
            media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF));
            content.addMediaType(Problem.MEDIA_TYPE, media);
        }
        if (types.isEmpty()) {
            return;
        }
        StringBuilder description = new StringBuilder(answer.getDescription());
        description.append(" Problem types: ");
        Map<String, org.eclipse.microprofile.openapi.models.examples.Example> examples = new LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
            ProblemType type = types.get(i);
            description.append(i == 0 ? "" : ", ").append('`').append(type.uri()).append('`');
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", type.uri());
            value.put("title", type.title());
            value.put("status", type.status());
            value.put("detail", exampleDetail(type));
            examples.put(type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    OASFactory.createExample().summary(type.title()).value(value));
        }
        description.append('.');
        if (!answer.getDescription().contains("Problem types:")) {
            answer.setDescription(description.toString());
        }
        if (media.getExamples() == null || media.getExamples().isEmpty()) {
            media.setExamples(examples);
        }
    }

    private static String exampleDetail(ProblemType type) {
        return switch (type) {
            case MALFORMED_JSON -> "The body is not valid JSON.";
            case INVALID_FIELD -> "A field breaks the schema; see errors.";
            case UNKNOWN_FIELD -> "The body has a field the schema does not know.";
            case BAD_REQUEST -> "The request cannot be read.";
            case UNAUTHORIZED -> "Sign in first.";
            case FORBIDDEN -> "This account may not do that.";
            case NOT_FOUND -> "No such resource.";
            case TOO_LARGE -> "The body is larger than the limit.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send application/json.";
            case NOT_ACCEPTABLE -> "This resource answers application/json.";
            case TOO_MANY_REQUESTS -> "Too many attempts; retry after the time in Retry-After.";
            case BUSY -> "Busy; retry after the time in Retry-After.";
            case STORAGE_UNAVAILABLE -> "Nothing was stored; retry after the time in Retry-After.";
            default -> type.title() + ".";
        };
    }

    private static String defaultDescription(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "Done; no body";
            default -> ProblemType.forStatus(status).title();
        };
    }

    /** Request bodies are read strictly: a field the schema does not name is refused. */
    private static void closeRequestBody(Operation operation, java.util.Set<String> requestSchemas) {
        Content content = operation.getRequestBody().getContent();
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        for (MediaType media : content.getMediaTypes().values()) {
            if (media.getSchema() != null && media.getSchema().getRef() != null) {
                String ref = media.getSchema().getRef();
                requestSchemas.add(ref.substring(ref.lastIndexOf('/') + 1));
            }
        }
        String note = " Fields the schema does not name are refused (`/problems/unknown-field`).";
        String description = operation.getRequestBody().getDescription();
        if (description == null) {
            operation.getRequestBody().setDescription(note.trim());
        } else if (!description.contains("/problems/unknown-field")) {
            operation.getRequestBody().setDescription(description + note);
        }
    }

    /**
     * Every property that is not required may be null: the JSON codec writes an absent value
     * as null, and reads null for an optional field as absent.
     */
    private static void allowNullForOptional(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> property : new LinkedHashMap<>(schema.getProperties()).entrySet()) {
            if (required.contains(property.getKey())) {
                continue;
            }
            Schema value = property.getValue();
            if (value.getRef() != null) {
                Schema nullable = OASFactory.createSchema()
                        .addAnyOf(OASFactory.createSchema().ref(value.getRef()))
                        .addAnyOf(OASFactory.createSchema().addType(Schema.SchemaType.NULL));
                nullable.setDescription(value.getDescription());
                schema.addProperty(property.getKey(), nullable);
            } else if (value.getType() != null && !value.getType().isEmpty()
                    && !value.getType().contains(Schema.SchemaType.NULL)) {
                value.addType(Schema.SchemaType.NULL);
                if (value.getEnumeration() != null && !value.getEnumeration().contains(null)) {
                    List<Object> values = new ArrayList<>(value.getEnumeration());
                    values.add(null);
                    value.setEnumeration(values);
                }
            }
        }
    }
}
