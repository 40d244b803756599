package org.tipline.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js tools under src/test/js (OpenAPI validators, Playwright) and Debian's chromium,
 * which some tests use where they are installed. .ci/run installs them and sets
 * TIPLINE_REQUIRE_NODE_TESTS=1, which turns their absence into a failure; elsewhere the tests
 * that need them are skipped with a message (README.md, Tests).
 */
public final class NodeTools {

    public static final Path DIRECTORY = Path.of("src/test/js");
    /** The page's script and its npm packages (HPKE, Argon2id, Ed25519), which the sealer's tests import. */
    public static final Path WEB = Path.of("src/main/web");
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TIPLINE_CHROMIUM", "/usr/bin/chromium"));

    private NodeTools() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The origin of a test's tipline URL (scheme://host:port), as the browser scripts' request logs spell it. */
    public static String origin(URL tipline) {
        URI uri = URI.create(tipline.toString());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Runs a browser flow script of src/test/js (page-flow.mjs, console-flow.mjs) with these
     * options, tipline's origin as {@code base} and {@code screenshots} (created); returns what it
     * printed last, as JSON.
     */
    public static JsonNode browserFlow(String script, URL tipline, Path screenshots, Map<String, Object> options)
            throws Exception {
        Map<String, Object> all = new LinkedHashMap<>(options);
        all.put("base", origin(tipline));
        all.put("screenshots", Files.createDirectories(screenshots).toString());
        String[] lines = run(Map.of(), script, JSON.writeValueAsString(all)).strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** Every request a browser flow made, as "METHOD url". */
    public static List<String> requests(JsonNode result) {
        List<String> list = new ArrayList<>();
        result.path("requests").forEach(request -> list.add(request.asText()));
        return list;
    }

    /** Skips the calling test (or fails it in CI) unless these npm packages are installed. */
    public static void require(String... packages) {
        for (String name : packages) {
            present(Files.isDirectory(DIRECTORY.resolve("node_modules").resolve(name)),
                    "the npm package " + name + " is not installed (npm ci --prefix src/test/js)");
        }
    }

    /**
     * Skips the calling test (or fails it in CI) unless these npm packages of the page's script are
     * installed in src/main/web, where the sealer's imports resolve in the tests too.
     */
    public static void requirePage(String... packages) {
        for (String name : packages) {
            present(Files.isDirectory(WEB.resolve("node_modules").resolve(name)),
                    "the npm package " + name + " is not installed (npm ci --prefix src/main/web)");
        }
    }

    /** Skips the calling test (or fails it in CI) unless Playwright and chromium are installed. */
    public static void requireBrowser() {
        require("playwright-core");
        present(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed (apt-get install -y chromium)");
    }

    /** Skips the calling test (or fails it in CI) unless {@code command} (node, npm) runs from the PATH. */
    public static void requireCommand(String command) {
        boolean runs;
        try {
            Process process = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            runs = process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            runs = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs = false;
        }
        present(runs, command + " is not installed (Node.js and npm)");
    }

    private static void present(boolean present, String missing) {
        if (!present) {
            assertThat("1".equals(System.getenv("TIPLINE_REQUIRE_NODE_TESTS"))).as(missing).isFalse();
            Assumptions.abort(missing);
        }
    }

    /** Runs {@code node script args...} in src/test/js; returns its output, failing on a non-zero exit. */
    public static String run(Map<String, String> environment, String script, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("node " + script + " ended").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
