package org.tipline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads the manifests of deploy/: the Kubernetes base files as they are, and each overlay as
 * {@code kubectl kustomize} renders it where kubectl is installed.
 */
final class DeployManifests {

    static final Path DEPLOY = Path.of("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final List<String> OVERLAYS = List.of("single-program", "national");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    /** One Kubernetes object and where it came from ("base/intake/deployment.yaml", "overlay national"). */
    record K8sObject(String source, JsonNode object) {

        String kind() {
            return object.path("kind").asText();
        }

        String name() {
            return object.path("metadata").path("name").asText();
        }

        String namespace() {
            return object.path("metadata").path("namespace").asText();
        }

        boolean is(String kind, String name) {
            return kind().equals(kind) && name().equals(name);
        }

        /** The pod spec of a workload, if this is one. */
        Optional<JsonNode> podSpec() {
            return switch (kind()) {
                case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" ->
                        Optional.of(object.path("spec").path("template").path("spec"));
                case "CronJob" -> Optional.of(object.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));
                case "Pod" -> Optional.of(object.path("spec"));
                default -> Optional.empty();
            };
        }

        @Override
        public String toString() {
            return source + " " + kind() + " " + namespace() + "/" + name();
        }
    }

    private DeployManifests() {
    }

    /** Every YAML document of the base's resource files (not the kustomization itself). */
    static List<K8sObject> baseFiles() throws IOException {
        List<K8sObject> objects = new ArrayList<>();
        try (Stream<Path> files = Files.walk(BASE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                for (JsonNode document : documents(Files.readString(file))) {
                    objects.add(new K8sObject("base/" + BASE.relativize(file), document));
                }
            }
        }
        return objects;
    }

    /** kubectl on the PATH, if any. */
    static Optional<Path> kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code kubectl kustomize} of a folder under deploy/kubernetes; fails on a non-zero exit. */
    static List<K8sObject> render(Path kubectl, String folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", KUBERNETES.resolve(folder).toString())
                .redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize " + folder + " failed: " + err);
        }
        List<K8sObject> objects = new ArrayList<>();
        for (JsonNode document : documents(new String(out, StandardCharsets.UTF_8))) {
            objects.add(new K8sObject(folder, document));
        }
        return objects;
    }

    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /**
     * deploy/compose/compose.yaml as Compose reads it: SnakeYAML resolves the merge keys
     * ({@code <<: *tipline}) that Jackson's YAML parser would keep as a literal key.
     */
    static JsonNode compose() throws IOException {
        Object loaded = new org.yaml.snakeyaml.Yaml().load(Files.readString(DEPLOY.resolve("compose/compose.yaml")));
        return JSON.valueToTree(loaded);
    }

    /** The objects as the Node checker reads them: [{source, object}]. */
    static String forNode(List<K8sObject> objects) throws IOException {
        var array = JSON.createArrayNode();
        for (K8sObject object : objects) {
            ObjectNode entry = array.addObject();
            entry.put("source", object.toString());
            entry.set("object", object.object());
        }
        return JSON.writeValueAsString(array);
    }
}
