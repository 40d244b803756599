package org.tipline.platform.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tipline.testing.ContractCheck;
import org.tipline.testing.NodeTools;
import org.tipline.testing.TestDatabase;

/**
 * The published OpenAPI document is valid by independent validators, complete where a front
 * end needs it, and its examples agree with its schemas. (testing/ContractCheck holds every
 * answer the suite gets to this document.)
 */
@QuarkusTest
@WithTestResource(TestDatabase.class)
class OpenApiDocumentTests {

    static final Path WRITTEN = Path.of("target/openapi/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private String text;
    private JsonNode document;

    @BeforeEach
    void fetch() throws IOException {
        text = given().when().get("/api/openapi?format=json").then().statusCode(200).extract().asString();
        document = JSON.readTree(text);
        Files.createDirectories(WRITTEN.getParent());
        Files.writeString(WRITTEN, text, StandardCharsets.UTF_8);
    }

    @Test
    void swaggerUiIsServedFromTiplineItself() {
        String page = given().get("/api/docs/").then().statusCode(200).extract().asString();
        assertThat(page).contains("/api/openapi").doesNotContain("https://").doesNotContain("http://");
        given().get("/api/docs/swagger-ui-bundle.js").then().statusCode(200);
        assertThat(document.path("servers").path(0).path("url").asText()).isEqualTo("/");
    }

    @Test
    void theFrontEndContractNamesTheChannelKeyTheTipsterSchemesAndTheChallenge() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("channelKey").path("type").asText()).isEqualTo("apiKey");
        assertThat(schemes.path("channelKey").path("in").asText()).isEqualTo("header");
        assertThat(schemes.path("channelKey").path("name").asText()).isEqualTo("X-Tipline-Channel-Key");
        assertThat(schemes.path("tipsterPassphrase").path("scheme").asText()).isEqualTo("Tipster");
        assertThat(schemes.path("tipsterSession").path("scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.has("SecurityScheme")).as("no openIdConnect scheme without its URL").isFalse();
        JsonNode post = document.path("paths").path("/api/v1/tips").path("post");
        assertThat(post.path("security").toString()).isEqualTo("[{\"channelKey\":[]},{}]");
        assertThat(post.path("responses").has("200")).isFalse();
        for (String status : List.of("201", "400", "401", "403", "406", "413", "415", "429", "503")) {
            assertThat(post.path("responses").has(status)).as("POST /api/v1/tips declares " + status).isTrue();
        }
        boolean proofHeader = false;
        for (JsonNode parameter : post.path("parameters")) {
            proofHeader |= "X-Tipline-Proof".equals(parameter.path("name").asText())
                    && "header".equals(parameter.path("in").asText());
        }
        assertThat(proofHeader).as("the proof-of-work header").isTrue();
        assertThat(document.path("paths").path("/api/v1/challenge").path("get").path("responses").path("200")
                .path("content").path("application/json").has("examples")
                || document.path("paths").path("/api/v1/challenge").path("get").path("responses").path("200")
                        .path("content").path("application/json").has("example")).isTrue();
        assertThat(document.path("components").path("schemas").path("TipSubmission").path("properties")
                .path("category").path("enum").size()).isGreaterThan(3);
        assertThat(document.path("components").path("schemas").has("JsonNode")).isFalse();
    }

    @Test
    void theDocumentIsValidOpenApi31ByItsJsonSchema() {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(ContractCheck.readResource("/openapi/oas-3.1-schema.json").toString(), InputFormat.JSON);
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
        assertThat(schema.validate(text, InputFormat.JSON)).isEmpty();
    }

    @Test
    void swaggerParserReadsTheDocumentWithoutAMessage() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getMessages()).isEmpty();
    }

    /**
     * The two validators front-end developers reach for first, run with Node.js where it is
     * installed (.ci/run installs them; TIPLINE_REQUIRE_NODE_TESTS=1 makes their absence fail).
     */
    @Test
    void twoIndependentNodeValidatorsAcceptTheDocument() throws Exception {
        NodeTools.require("@seriousme/openapi-schema-validator", "@apidevtools/swagger-parser");
        String output = NodeTools.run(Map.of(), "validate-openapi.mjs", WRITTEN.toAbsolutePath().toString());
        assertThat(output).contains("@apidevtools/swagger-parser: valid", "@seriousme/openapi-schema-validator: valid");
    }

    @Test
    void everyExampleValidatesAgainstItsSchema() {
        List<String> faults = new ArrayList<>();
        int checked = walkMediaTypes(document.path("paths"), "", faults);
        assertThat(faults).isEmpty();
        assertThat(checked).as("examples checked").isGreaterThan(20);
    }

    @Test
    void everyFrontEndOperationHasExamplesAndEveryAnswerADescription() {
        List<String> missing = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            boolean frontEnd = !path.getKey().startsWith("/api/v1/review");
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                JsonNode body = operation.getValue().path("requestBody").path("content");
                if (frontEnd && body.isObject()) {
                    body.elements().forEachRemaining(media -> {
                        if (!hasExample(media)) {
                            missing.add(name + " request body");
                        }
                    });
                }
                Iterator<Map.Entry<String, JsonNode>> responses = operation.getValue().path("responses").fields();
                while (responses.hasNext()) {
                    Map.Entry<String, JsonNode> response = responses.next();
                    if (response.getValue().path("description").asText("").isBlank()) {
                        missing.add(name + " " + response.getKey() + " description");
                    }
                    JsonNode content = response.getValue().path("content");
                    if (frontEnd && content.isObject()) {
                        content.elements().forEachRemaining(media -> {
                            if (!hasExample(media)) {
                                missing.add(name + " " + response.getKey() + " example");
                            }
                        });
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static boolean hasExample(JsonNode media) {
        return media.has("example") || (media.path("examples").isObject() && !media.path("examples").isEmpty());
    }

    /** Checks each media type's examples against its schema; returns how many were checked. */
    private int walkMediaTypes(JsonNode node, String where, List<String> faults) {
        int checked = 0;
        if (node.isObject()) {
            if (node.has("schema") && (node.has("example") || node.has("examples"))) {
                List<JsonNode> examples = new ArrayList<>();
                if (node.has("example")) {
                    examples.add(node.path("example"));
                }
                node.path("examples").elements().forEachRemaining(example -> examples.add(example.path("value")));
                for (JsonNode example : examples) {
                    String fault = ContractCheck.validate(document, node.path("schema"), example.toString());
                    if (fault != null) {
                        faults.add(where + ": " + fault);
                    }
                    checked++;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().equals("examples") && !field.getKey().equals("example")) {
                    checked += walkMediaTypes(field.getValue(), where + "/" + field.getKey(), faults);
                }
            }
        }
        return checked;
    }
}
