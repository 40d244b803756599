package org.tipline.office.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tipline.testing.NodeTools;

/** What every console browser flow must show: the checks its test classes share. */
final class ConsoleFlowChecks {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots").toAbsolutePath();
    static final String NO_STORAGE = "{\"local\":0,\"session\":0,\"cookie\":\"\"}";

    private ConsoleFlowChecks() {
    }

    /**
     * No error, no console error, no cookie, no request to a host other than {@code origins}
     * (tipline's, and the identity provider's where a flow signs in there), no serious or
     * critical axe finding, and every screenshot written.
     */
    static void assertClean(JsonNode result, String... origins) {
        assertThat(result.path("error").isMissingNode()).as(result.path("error").asText()).isTrue();
        assertThat(result.path("consoleErrors")).as(result.path("consoleErrors").toString()).isEmpty();
        assertThat(result.path("cookies").asInt()).isZero();
        assertThat(NodeTools.requests(result)).isNotEmpty()
                .allSatisfy(request -> assertThat(Arrays.stream(origins)
                        .anyMatch(origin -> request.substring(request.indexOf(' ') + 1).startsWith(origin + "/")))
                        .as(request + " goes to " + String.join(" or ", origins)).isTrue());
        assertThat(result.path("accessibility")).isNotEmpty();
        for (JsonNode screen : result.path("accessibility")) {
            List<String> serious = new ArrayList<>();
            for (JsonNode violation : screen.path("violations")) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    serious.add(violation.toString());
                }
            }
            assertThat(serious).as(screen.path("screen").asText()).isEmpty();
        }
        for (JsonNode file : result.path("screenshots")) {
            assertThat(Path.of(file.asText())).isRegularFile();
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }
}
