package org.tipline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tipline.deploy.DeployManifests.DEPLOY;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tipline.deploy.DeployManifests.K8sObject;
import org.tipline.testing.NodeTools;

/**
 * The promises deploy/ makes, checked on the files themselves: every container runs as a user
 * other than root, on a read-only root filesystem, without privilege escalation or
 * capabilities; intake holds only the office public keyset and its own database login; the
 * migration runs as the schema owner and nothing else does; the network policies keep intake
 * away from review; PostgreSQL has a replica and a backup; the compose file keeps the roles
 * apart the same way; Caddy passes on and logs no client address. Each Kubernetes overlay is
 * checked as {@code kubectl kustomize} renders it where kubectl is installed, and the base
 * files always. The schema checks (Kubernetes API, Compose specification, a Dockerfile
 * linter) use the npm packages of src/test/js.
 */
class DeployManifestTests {

    static final Set<String> INTAKE_SECRETS = Set.of("tipline-office-public", "tipline-intake-db");
    static final Set<String> OWNER_SECRETS = Set.of("tipline-owner");

    /** Each rendering checked: the base files, and each overlay rendered by kubectl where it is installed. */
    static final Map<String, List<K8sObject>> RENDERINGS = new LinkedHashMap<>();

    @BeforeAll
    static void read() throws Exception {
        RENDERINGS.clear();
        RENDERINGS.put("base files", DeployManifests.baseFiles());
        Optional<Path> kubectl = DeployManifests.kubectl();
        if (kubectl.isPresent()) {
            RENDERINGS.put("base", DeployManifests.render(kubectl.get(), "base"));
            for (String overlay : DeployManifests.OVERLAYS) {
                RENDERINGS.put("overlays/" + overlay, DeployManifests.render(kubectl.get(), "overlays/" + overlay));
            }
        }
    }

    // ---- Kubernetes ---------------------------------------------------------------------

    @Test
    void theOverlaysRenderWithKubectl() throws Exception {
        Optional<Path> kubectl = DeployManifests.kubectl();
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl.isPresent(),
                "kubectl is not installed: the overlays are not rendered (their patches are checked only through the base)");
        for (String overlay : DeployManifests.OVERLAYS) {
            List<K8sObject> objects = RENDERINGS.get("overlays/" + overlay);
            assertThat(objects).as(overlay).extracting(K8sObject::kind).contains("Namespace", "Cluster",
                    "ScheduledBackup", "Job", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                    "NetworkPolicy", "Service", "Ingress");
            assertThat(objects).as(overlay + ": every image is pinned to a tag")
                    .flatExtracting(o -> containers(o).stream().map(c -> c.path("image").asText()).toList())
                    .allSatisfy(image -> assertThat(image).matches(".+:[^:/]+").doesNotEndWith(":latest"));
        }
    }

    @Test
    void intakeRunsTheIntakeBuildAndNothingElseDoes() {
        RENDERINGS.forEach((rendering, objects) -> {
            Map<String, List<String>> images = new LinkedHashMap<>();
            objects.stream().filter(o -> o.kind().equals("Deployment") || o.kind().equals("Job"))
                    .forEach(o -> images.put(o.kind() + " " + o.name(),
                            containers(o).stream().map(c -> c.path("image").asText().replaceAll(":[^:/]+$", "")).toList()));
            assertThat(images).as(rendering).containsOnlyKeys("Deployment intake", "Deployment review",
                    "Job tipline-migrate");
            assertThat(images.get("Deployment intake")).as(rendering)
                    .singleElement().asString().matches("(.+/)?tipline-intake");
            images.remove("Deployment intake");
            images.forEach((workload, names) -> assertThat(names).as(rendering + ": " + workload)
                    .allSatisfy(name -> assertThat(name).matches("(.+/)?tipline")));
        });
    }

    @Test
    void everyKubernetesObjectMatchesTheApiSchema() throws Exception {
        NodeTools.require("kubernetes-models");
        List<K8sObject> objects = new ArrayList<>();
        RENDERINGS.values().forEach(objects::addAll);
        Path input = Files.createDirectories(Path.of("target/deploy-checks")).resolve("kubernetes-objects.json");
        Files.writeString(input, DeployManifests.forNode(objects));
        String output = NodeTools.run(Map.of(), "validate-deploy.mjs", "kubernetes", input.toAbsolutePath().toString());
        List<String> lines = output.lines().toList();
        assertThat(lines).hasSize(objects.size());
        for (int i = 0; i < objects.size(); i++) {
            K8sObject object = objects.get(i);
            if (object.object().path("apiVersion").asText().startsWith("postgresql.cnpg.io/")) {
                // No package of the reachable registries ships CloudNativePG's schema:
                // cloudNativePgClusterHasAReplicaAndANightlyBackup checks these by hand.
                assertThat(lines.get(i)).isEqualTo(object + ": no schema (" + object.object().path("apiVersion").asText()
                        + " " + object.kind() + ")");
            } else {
                assertThat(lines.get(i)).isEqualTo(object + ": valid");
            }
        }
    }

    @Test
    void everyContainerRunsAsNonRootOnAReadOnlyRootWithoutPrivileges() {
        int checked = 0;
        for (var rendering : RENDERINGS.entrySet()) {
            for (K8sObject workload : rendering.getValue()) {
                Optional<JsonNode> pod = workload.podSpec();
                if (pod.isEmpty()) {
                    continue;
                }
                JsonNode podSecurity = pod.get().path("securityContext");
                assertThat(pod.get().path("hostNetwork").asBoolean(false)).as(workload + " hostNetwork").isFalse();
                assertThat(pod.get().path("hostPID").asBoolean(false)).as(workload + " hostPID").isFalse();
                assertThat(pod.get().path("automountServiceAccountToken").asBoolean(true))
                        .as(workload + " mounts no service account token").isFalse();
                for (JsonNode container : containers(workload)) {
                    String where = workload + " container " + container.path("name").asText();
                    JsonNode security = container.path("securityContext");
                    assertThat(effective(security, podSecurity, "runAsNonRoot").asBoolean(false)).as(where + " runAsNonRoot").isTrue();
                    JsonNode user = effective(security, podSecurity, "runAsUser");
                    assertThat(user.isMissingNode() || user.asLong() != 0).as(where + " runAsUser is not 0").isTrue();
                    assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as(where + " readOnlyRootFilesystem").isTrue();
                    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(where + " allowPrivilegeEscalation").isFalse();
                    assertThat(security.path("privileged").asBoolean(false)).as(where + " privileged").isFalse();
                    assertThat(texts(security.path("capabilities").path("drop"))).as(where + " drops ALL capabilities").contains("ALL");
                    assertThat(texts(security.path("capabilities").path("add"))).as(where + " adds no capability").isEmpty();
                    assertThat(effective(security.path("seccompProfile"), podSecurity.path("seccompProfile"), "type").asText())
                            .as(where + " seccomp").isEqualTo("RuntimeDefault");
                    checked++;
                }
            }
        }
        assertThat(checked).as("containers checked").isGreaterThanOrEqualTo(3);
    }

    @Test
    void intakeHoldsOnlyThePublicKeysetAndTheIntakeLogin() {
        for (var rendering : RENDERINGS.entrySet()) {
            K8sObject intake = find(rendering.getValue(), "Deployment", "intake");
            assertThat(intake.namespace()).isEqualTo("tipline-intake");
            JsonNode container = single(intake);
            Map<String, String> env = env(container);
            assertThat(env).as(intake + " env").containsEntry("TIPLINE_ROLE", "intake")
                    .containsEntry("QUARKUS_DATASOURCE_USERNAME", "intake_host")
                    .doesNotContainKeys("TIPLINE_OFFICE_KEYSET", "TIPLINE_OFFICE_KEY_PASSPHRASE_FILE",
                            "TIPLINE_OFFICE_KMS_KEY_URI", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD",
                            "QUARKUS_FLYWAY_PASSWORD_FILE", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(container.has("envFrom")).as(intake + " envFrom").isFalse();
            assertThat(secretsOf(intake)).as(intake + " secrets").isEqualTo(INTAKE_SECRETS);
            assertThat(secretFile(intake, env.get("QUARKUS_DATASOURCE_PASSWORD_FILE"))).as(intake + " database password file")
                    .isEqualTo("tipline-intake-db");
            assertThat(secretFile(intake, env.get("TIPLINE_OFFICE_PUBLIC_KEYSET"))).as(intake + " public keyset file")
                    .isEqualTo("tipline-office-public");
            // Nothing else in intake's namespace names a secret of the office or the owner.
            for (K8sObject other : rendering.getValue()) {
                if (other.namespace().equals("tipline-intake") && other.podSpec().isPresent()) {
                    assertThat(secretsOf(other)).as(other + " secrets").isSubsetOf(INTAKE_SECRETS);
                }
            }
        }
    }

    @Test
    void reviewUsesTheReviewLoginAndNeverTheOwners() {
        for (var rendering : RENDERINGS.entrySet()) {
            K8sObject review = find(rendering.getValue(), "Deployment", "review");
            assertThat(review.namespace()).isEqualTo("tipline-review");
            Map<String, String> env = env(single(review));
            assertThat(env).containsEntry("TIPLINE_ROLE", "review").containsEntry("QUARKUS_DATASOURCE_USERNAME", "review_host")
                    .doesNotContainKeys("QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD_FILE", "QUARKUS_DATASOURCE_PASSWORD");
            assertThat(secretFile(review, env.get("QUARKUS_DATASOURCE_PASSWORD_FILE"))).isEqualTo("tipline-review-db");
            assertThat(secretFile(review, env.get("TIPLINE_OFFICE_KEYSET"))).isEqualTo("tipline-office-keyset");
            assertThat(secretFile(review, env.get("TIPLINE_OFFICE_KEY_PASSPHRASE_FILE"))).isEqualTo("tipline-office-passphrase");
        }
    }

    @Test
    void theMigrationJobRunsAsTheOwnerAndNothingElseHoldsTheOwnersPassword() {
        for (var rendering : RENDERINGS.entrySet()) {
            K8sObject job = find(rendering.getValue(), "Job", "tipline-migrate");
            JsonNode container = single(job);
            assertThat(texts(container.path("args"))).as(job + " args").containsExactly("migrate");
            Map<String, String> env = env(container);
            assertThat(env).as(job + " env").containsEntry("QUARKUS_FLYWAY_USERNAME", "tipline_owner")
                    .doesNotContainKeys("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD_FILE", "TIPLINE_ROLE");
            assertThat(secretFile(job, env.get("QUARKUS_FLYWAY_PASSWORD_FILE"))).as(job + " owner password file")
                    .isEqualTo("tipline-owner");
            assertThat(secretsOf(job)).isEqualTo(OWNER_SECRETS);
            assertThat(job.namespace()).isEqualTo("tipline-data");
            for (K8sObject other : rendering.getValue()) {
                if (other.podSpec().isPresent() && other != job) {
                    assertThat(secretsOf(other)).as(other + " secrets").doesNotContain("tipline-owner");
                    for (JsonNode c : containers(other)) {
                        assertThat(env(c).keySet()).as(other + " env").noneMatch(name -> name.startsWith("QUARKUS_FLYWAY_"));
                    }
                }
            }
        }
    }

    @Test
    void networkPoliciesAdmitOnlyTheIngressToIntakeAndNeverIntakeToReview() {
        for (var rendering : RENDERINGS.entrySet()) {
            List<K8sObject> objects = rendering.getValue();
            Map<String, String> intakePod = podLabels(find(objects, "Deployment", "intake"));
            Map<String, String> reviewPod = podLabels(find(objects, "Deployment", "review"));
            Map<String, String> ingressPod = Map.of("app.kubernetes.io/name", "ingress-nginx");
            String where = rendering.getKey();

            // Review's pods: intake's pods are not admitted, from intake's namespace or any other.
            assertThat(admitted(objects, "tipline-review", reviewPod, 8080, "tipline-intake", intakePod))
                    .as(where + ": intake -> review:8080").isFalse();
            assertThat(admitted(objects, "tipline-review", reviewPod, 9000, "tipline-intake", intakePod))
                    .as(where + ": intake -> review:9000").isFalse();
            // Intake's pods may not send to review, nor anywhere but PostgreSQL and DNS.
            assertThat(egressAllowed(objects, "tipline-intake", intakePod, "tipline-review", reviewPod, 8080))
                    .as(where + ": intake egress -> review").isFalse();
            assertThat(egressAllowed(objects, "tipline-intake", intakePod, "some-namespace", Map.of(), 443))
                    .as(where + ": intake egress -> elsewhere").isFalse();
            assertThat(egressAllowed(objects, "tipline-intake", intakePod, "tipline-data", Map.of("cnpg.io/cluster", "tipline-db"), 5432))
                    .as(where + ": intake egress -> PostgreSQL").isTrue();
            // Only the ingress controller reaches intake's API port.
            assertThat(admitted(objects, "tipline-intake", intakePod, 8080, "ingress-nginx", ingressPod))
                    .as(where + ": ingress controller -> intake").isTrue();
            assertThat(admitted(objects, "tipline-intake", intakePod, 8080, "tipline-review", reviewPod))
                    .as(where + ": review -> intake").isFalse();
            assertThat(admitted(objects, "tipline-intake", intakePod, 8080, "some-namespace", ingressPod))
                    .as(where + ": another namespace -> intake").isFalse();
            // PostgreSQL takes intake and review, not an arbitrary pod.
            Map<String, String> database = Map.of("cnpg.io/cluster", "tipline-db");
            assertThat(admitted(objects, "tipline-data", database, 5432, "tipline-intake", intakePod)).as(where).isTrue();
            assertThat(admitted(objects, "tipline-data", database, 5432, "tipline-review", reviewPod)).as(where).isTrue();
            assertThat(admitted(objects, "tipline-data", database, 5432, "some-namespace", Map.of())).as(where).isFalse();
        }
    }

    @Test
    void probesUseTheHealthEndpointsOnTheManagementPort() {
        for (var rendering : RENDERINGS.entrySet()) {
            for (String name : List.of("intake", "review")) {
                K8sObject deployment = find(rendering.getValue(), "Deployment", name);
                JsonNode container = single(deployment);
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(deployment.toString())
                        .isEqualTo("/q/health/ready");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(deployment.toString())
                        .isEqualTo("/q/health/live");
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    assertThat(container.path(probe).path("httpGet").path("port").asText()).as(deployment + " " + probe)
                            .isEqualTo("management");
                }
                assertThat(container.path("ports").findValuesAsText("name")).contains("management");
                assertThat(container.path("ports").toString()).contains("9000");
                // The management port listens on loopback unless told: the kubelet could not reach it.
                assertThat(env(container)).containsEntry("QUARKUS_MANAGEMENT_HOST", "0.0.0.0");
            }
        }
    }

    @Test
    void intakeScalesAndKeepsAPodThroughDisruptions() {
        for (var rendering : RENDERINGS.entrySet()) {
            List<K8sObject> objects = rendering.getValue();
            Map<String, String> intakePod = podLabels(find(objects, "Deployment", "intake"));
            K8sObject hpa = find(objects, "HorizontalPodAutoscaler", "intake");
            assertThat(hpa.object().path("spec").path("scaleTargetRef").path("kind").asText()).isEqualTo("Deployment");
            assertThat(hpa.object().path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("intake");
            assertThat(hpa.object().path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
            K8sObject pdb = find(objects, "PodDisruptionBudget", "intake");
            assertThat(selects(pdb.object().path("spec").path("selector"), intakePod)).as(pdb.toString()).isTrue();
            assertThat(pdb.object().path("spec").path("minAvailable").asInt())
                    .isBetween(1, hpa.object().path("spec").path("minReplicas").asInt() - 1);
        }
    }

    @Test
    void cloudNativePgClusterHasAReplicaAndANightlyBackup() {
        for (var rendering : RENDERINGS.entrySet()) {
            K8sObject cluster = find(rendering.getValue(), "Cluster", "tipline-db");
            JsonNode spec = cluster.object().path("spec");
            assertThat(cluster.object().path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
            assertThat(spec.path("instances").asInt()).as(cluster + " instances").isGreaterThanOrEqualTo(2);
            assertThat(spec.path("bootstrap").path("initdb").path("owner").asText()).isEqualTo("tipline_owner");
            assertThat(spec.path("bootstrap").path("initdb").path("secret").path("name").asText()).isEqualTo("tipline-owner");
            Map<String, JsonNode> roles = new HashMap<>();
            spec.path("managed").path("roles").forEach(role -> roles.put(role.path("name").asText(), role));
            assertThat(roles.get("intake_host").path("inRoles").toString()).isEqualTo("[\"tipline_intake\"]");
            assertThat(roles.get("intake_host").path("passwordSecret").path("name").asText()).isEqualTo("tipline-intake-db");
            assertThat(roles.get("review_host").path("inRoles").toString()).isEqualTo("[\"tipline_review\"]");
            assertThat(roles.get("tipline_intake").path("login").asBoolean(true)).isFalse();
            assertThat(roles.get("tipline_review").path("login").asBoolean(true)).isFalse();
            JsonNode parameters = spec.path("postgresql").path("parameters");
            assertThat(parameters.path("track_commit_timestamp").asText()).isEqualTo("off");
            assertThat(parameters.path("wal_recycle").asText()).isEqualTo("off");
            assertThat(parameters.path("log_statement").asText()).isEqualTo("none");
            K8sObject backup = rendering.getValue().stream().filter(o -> o.kind().equals("ScheduledBackup")).findFirst()
                    .orElseThrow(() -> new AssertionError(rendering.getKey() + ": no ScheduledBackup"));
            assertThat(backup.object().path("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
            assertThat(backup.object().path("spec").path("cluster").path("name").asText()).isEqualTo("tipline-db");
            assertThat(backup.namespace()).isEqualTo(cluster.namespace());
            // CloudNativePG's cron has six fields, seconds first.
            assertThat(backup.object().path("spec").path("schedule").asText().split(" ")).hasSize(6);
        }
    }

    // ---- compose -----------------------------------------------------------------------

    @Test
    void theComposeFileMatchesTheComposeSpecification() throws Exception {
        NodeTools.require("dclint");
        // The Compose specification's schema as dclint ships it, on the file as Compose reads
        // it (merge keys resolved) ...
        Path schemaFile = NodeTools.DIRECTORY.resolve("node_modules/dclint/schemas/compose.schema.json");
        // Its "$id" is the relative "compose_spec.json", which this validator refuses as a base;
        // every "$ref" in it is a pointer into the same document, so an absolute name does.
        var schemaNode = (com.fasterxml.jackson.databind.node.ObjectNode) DeployManifests.JSON.readTree(schemaFile.toFile());
        assertThat(schemaNode.path("$id").asText()).isEqualTo("compose_spec.json");
        schemaNode.put("$id", "urn:tipline:compose_spec.json");
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(DeployManifests.JSON.writeValueAsString(schemaNode), InputFormat.JSON);
        JsonNode compose = DeployManifests.compose();
        assertThat(schema.validate(DeployManifests.JSON.writeValueAsString(compose), InputFormat.JSON)).isEmpty();
        // ... and dclint itself on the file as written: the schema again, and its error rules
        // (no image and build together, no port published without an address, ...). Its
        // warnings are about key order and quoting, and are not counted.
        String output = NodeTools.run(Map.of(), "node_modules/dclint/bin/dclint.cjs", "--quiet", "--color", "false",
                DEPLOY.resolve("compose/compose.yaml").toAbsolutePath().toString());
        assertThat(output.strip()).isEmpty();
    }

    @Test
    void composeKeepsTheRolesApart() throws Exception {
        JsonNode compose = DeployManifests.compose();
        JsonNode services = compose.path("services");
        JsonNode intake = services.path("intake");
        JsonNode review = services.path("review");
        JsonNode migrate = services.path("migrate");
        assertThat(texts(intake.path("secrets"))).containsExactlyInAnyOrder("office_public_keyset", "intake_db_password");
        assertThat(intake.path("environment").path("TIPLINE_ROLE").asText()).isEqualTo("intake");
        assertThat(intake.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("intake_host");
        assertThat(intake.path("environment").has("TIPLINE_OFFICE_KEYSET")).isFalse();
        assertThat(texts(review.path("secrets"))).doesNotContain("owner_db_password", "intake_db_password");
        assertThat(review.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("review_host");
        assertThat(texts(migrate.path("command"))).containsExactly("migrate");
        assertThat(texts(migrate.path("secrets"))).containsExactly("owner_db_password");
        assertThat(migrate.path("environment").path("QUARKUS_FLYWAY_USERNAME").asText()).isEqualTo("tipline_owner");
        // intake runs the intake image, which holds no office code; review and migrate the image of every role.
        assertThat(intake.path("image").asText()).isEqualTo("${TIPLINE_INTAKE_IMAGE:-tipline-intake:0.1.0}");
        assertThat(review.path("image").asText()).isEqualTo("${TIPLINE_IMAGE:-tipline:0.1.0}");
        assertThat(migrate.path("image").asText()).isEqualTo("${TIPLINE_IMAGE:-tipline:0.1.0}");
        for (String name : List.of("intake", "review", "proxy", "tor")) {
            assertThat(texts(services.path(name).path("secrets"))).as(name).doesNotContain("owner_db_password");
        }
        // intake and review share no network, so neither reaches the other.
        Set<String> intakeNetworks = networks(intake);
        intakeNetworks.retainAll(networks(review));
        assertThat(intakeNetworks).as("networks intake shares with review").isEmpty();
        for (String name : List.of("intake", "review", "migrate")) {
            JsonNode service = services.path(name);
            assertThat(service.path("read_only").asBoolean()).as(name + " read_only").isTrue();
            assertThat(service.path("user").asText()).as(name + " user").matches("[1-9][0-9]*:[1-9][0-9]*");
            assertThat(texts(service.path("cap_drop"))).as(name + " cap_drop").contains("ALL");
            assertThat(texts(service.path("security_opt"))).as(name).contains("no-new-privileges:true");
            assertThat(service.path("tmpfs").toString()).as(name + " tmpfs").contains("/tmp");
        }
        // Only the proxy publishes ports; intake and review are reached through it.
        services.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("proxy")) {
                assertThat(e.getValue().has("ports")).as(e.getKey() + " publishes no port").isFalse();
            }
        });
        assertThat(compose.path("services").path("tor").path("profiles").toString()).contains("onion");
    }

    @Test
    void caddyForwardsAndLogsNoClientAddress() throws IOException {
        String caddyfile = Files.readString(DEPLOY.resolve("compose/Caddyfile"));
        String withoutComments = caddyfile.lines().map(line -> line.replaceAll("(^|\\s)#.*$", "")).reduce("", (a, b) -> a + b + "\n");
        for (String header : List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP", "Forwarded")) {
            assertThat(withoutComments).as("removes " + header).containsPattern("header_up\\s+-" + Pattern.quote(header) + "\\s");
        }
        // Every reverse_proxy takes the snippet that removes them.
        Matcher proxies = Pattern.compile("reverse_proxy\\s+\\S+\\s*\\{([^}]*)}").matcher(withoutComments);
        int count = 0;
        while (proxies.find()) {
            assertThat(proxies.group(1)).contains("import to_tipline");
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(Pattern.compile("(?m)^\\s*reverse_proxy\\s").matcher(withoutComments).results().count()).isEqualTo(2);
        // No `log` directive but the global one, which leaves out the loggers that carry requests.
        Matcher logs = Pattern.compile("(?m)^\\s*log(\\s|$)").matcher(withoutComments);
        int logDirectives = 0;
        while (logs.find()) {
            logDirectives++;
        }
        assertThat(logDirectives).isEqualTo(1);
        assertThat(withoutComments).containsPattern("log default \\{[^}]*exclude http\\.log\\.access http\\.log\\.error http\\.handlers\\.reverse_proxy");
        assertThat(withoutComments).doesNotContain("{remote", "{client_ip", "trusted_proxies");
    }

    // ---- image -------------------------------------------------------------------------

    @Test
    void theDockerfileLintsClean() throws Exception {
        NodeTools.require("dockerfile-utils");
        String output = NodeTools.run(Map.of(), "validate-deploy.mjs", "dockerfile", DEPLOY.resolve("Dockerfile").toAbsolutePath().toString());
        assertThat(output.strip()).isEqualTo("0 problems");
    }

    @Test
    void theImageTrainsAndRunsAsAnUnprivilegedUser() throws IOException {
        List<String> lines = Files.readAllLines(DEPLOY.resolve("Dockerfile")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        Map<String, List<String>> stages = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : lines) {
            Matcher from = Pattern.compile("^FROM\\s+(\\S+)\\s+AS\\s+(\\S+)$").matcher(line);
            if (from.matches()) {
                current = new ArrayList<>();
                current.add(line);
                stages.put(from.group(2), current);
            } else if (current != null) {
                current.add(line);
            }
        }
        assertThat(stages.keySet()).containsExactly("base", "train", "runtime");
        // Training and runtime run on the same JVM build: both stages start from base.
        assertThat(stages.get("train").get(0)).startsWith("FROM base ");
        assertThat(stages.get("runtime").get(0)).startsWith("FROM base ");
        // The training run is not root, and runs after the user is set.
        List<String> train = stages.get("train");
        int user = indexOf(train, "USER ");
        assertThat(train.get(user)).matches("USER [1-9][0-9]*:[1-9][0-9]*");
        int training = indexOf(train, "RUN TRAIN_ROLE=\"${TRAIN_ROLE}\" train.sh /app /tmp/tipline.aot");
        assertThat(training).isGreaterThan(user);
        // The application comes in Quarkus's aot-jar packaging, checked before training: with
        // the usual packaging the cache would hold the JDK's classes only. By default it is the
        // build of every role, trained all-in-one; the intake build is chosen with build
        // arguments, never by default.
        assertThat(train).contains("ARG APP=aot-jar", "ARG TRAIN_ROLE=all-in-one");
        int copy = train.indexOf("COPY target/${APP}/ /app/");
        assertThat(copy).isGreaterThan(train.indexOf("ARG APP=aot-jar"));
        int check = indexOf(train, "RUN unzip -p /app/quarkus-run.jar META-INF/MANIFEST.MF");
        assertThat(check).isGreaterThan(copy).isLessThan(training);
        assertThat(train.get(check) + train.get(check + 1)).contains("io.quarkus.bootstrap.runner.AotQuarkusEntryPoint")
                .contains("exit 1");
        // The image's last USER is a numeric user other than root, and nothing runs after it.
        List<String> runtime = stages.get("runtime");
        List<String> users = runtime.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).containsExactly("USER 10001:10001");
        assertThat(runtime.subList(indexOf(runtime, "USER "), runtime.size())).noneMatch(l -> l.startsWith("RUN "));
        assertThat(runtime).contains("COPY --from=train /tmp/tipline.aot /app/tipline.aot");
        assertThat(lines).noneMatch(l -> l.startsWith("ADD "));
        String entrypoint = Files.readString(DEPLOY.resolve("image/entrypoint.sh"));
        assertThat(entrypoint).contains("exec java -XX:AOTCache=/app/tipline.aot $JAVA_OPTS -jar /app/quarkus-run.jar \"$@\"");
        // The build context lets in the application and these two scripts only.
        assertThat(Files.readAllLines(Path.of(".dockerignore"))).contains("*", "!target/aot-jar/",
                "!target/intake-jar/", "!deploy/image/train.sh", "!deploy/image/entrypoint.sh");
    }

    // ---- helpers -----------------------------------------------------------------------

    static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + lines);
    }

    static K8sObject find(List<K8sObject> objects, String kind, String name) {
        List<K8sObject> found = objects.stream().filter(o -> o.is(kind, name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    static List<JsonNode> containers(K8sObject workload) {
        List<JsonNode> all = new ArrayList<>();
        workload.podSpec().ifPresent(pod -> {
            for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
                pod.path(field).forEach(all::add);
            }
        });
        return all;
    }

    static JsonNode single(K8sObject workload) {
        List<JsonNode> all = containers(workload);
        assertThat(all).as(workload + " containers").hasSize(1);
        return all.get(0);
    }

    static JsonNode effective(JsonNode container, JsonNode pod, String field) {
        return container.has(field) ? container.path(field) : pod.path(field);
    }

    static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(node -> list.add(node.asText()));
        return list;
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(),
                e.has("valueFrom") ? "(from " + e.path("valueFrom") + ")" : e.path("value").asText()));
        return env;
    }

    /** Every Secret a workload's pods can read: volumes (also projected) and env references. */
    static Set<String> secretsOf(K8sObject workload) {
        Set<String> secrets = new HashSet<>();
        JsonNode pod = workload.podSpec().orElseThrow();
        pod.path("volumes").forEach(volume -> {
            if (volume.has("secret")) {
                secrets.add(volume.path("secret").path("secretName").asText());
            }
            volume.path("projected").path("sources").forEach(source -> {
                if (source.has("secret")) {
                    secrets.add(source.path("secret").path("name").asText());
                }
            });
        });
        for (JsonNode container : containers(workload)) {
            container.path("env").forEach(e -> {
                JsonNode ref = e.path("valueFrom").path("secretKeyRef");
                if (!ref.isMissingNode()) {
                    secrets.add(ref.path("name").asText());
                }
            });
            container.path("envFrom").forEach(e -> {
                if (e.has("secretRef")) {
                    secrets.add(e.path("secretRef").path("name").asText());
                }
            });
        }
        secrets.remove("");
        pod.path("imagePullSecrets").forEach(s -> secrets.remove(s.path("name").asText()));
        return secrets;
    }

    /** The Secret whose volume holds this file in the workload's only container. */
    static String secretFile(K8sObject workload, String file) {
        assertThat(file).as(workload + " file setting").isNotNull().startsWith("/");
        JsonNode container = single(workload);
        JsonNode pod = workload.podSpec().orElseThrow();
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText();
            if (file.startsWith(path.endsWith("/") ? path : path + "/")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText())) {
                        return volume.path("secret").path("secretName").asText(null);
                    }
                }
            }
        }
        return null;
    }

    static Set<String> networks(JsonNode service) {
        Set<String> names = new HashSet<>();
        JsonNode networks = service.path("networks");
        if (networks.isArray()) {
            networks.forEach(n -> names.add(n.asText()));
        } else {
            networks.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    static Map<String, String> podLabels(K8sObject workload) {
        Map<String, String> labels = new HashMap<>();
        workload.object().path("spec").path("template").path("metadata").path("labels").fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** A namespace's labels: the ones its manifest gives, and the name label Kubernetes sets. */
    static Map<String, String> namespaceLabels(List<K8sObject> objects, String namespace) {
        Map<String, String> labels = new HashMap<>();
        objects.stream().filter(o -> o.is("Namespace", namespace)).findFirst().ifPresent(ns ->
                ns.object().path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText())));
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    /** A label selector's verdict: matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist). */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        var matchLabels = selector.path("matchLabels").fields();
        while (matchLabels.hasNext()) {
            var e = matchLabels.next();
            if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = texts(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(labels.get(key));
                case "NotIn" -> !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new AssertionError("unknown operator in " + expression);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean peerMatches(JsonNode peer, String policyNamespace, List<K8sObject> objects, String namespace,
            Map<String, String> labels) {
        if (peer.has("ipBlock")) {
            return true; // an address range may hold any pod: count it as admitting
        }
        boolean namespaceOk = peer.has("namespaceSelector")
                ? selects(peer.path("namespaceSelector"), namespaceLabels(objects, namespace))
                : namespace.equals(policyNamespace);
        return namespaceOk && selects(peer.path("podSelector"), labels);
    }

    static boolean portMatches(JsonNode rule, int port) {
        if (!rule.has("ports") || rule.path("ports").isEmpty()) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            if (!p.has("port") || p.path("port").asInt() == port) {
                return true;
            }
        }
        return false;
    }

    /** Whether the policies let a pod of (fromNamespace, fromLabels) connect to a pod of (namespace, labels) on port. */
    static boolean admitted(List<K8sObject> objects, String namespace, Map<String, String> labels, int port,
            String fromNamespace, Map<String, String> fromLabels) {
        boolean isolated = false;
        for (K8sObject policy : objects) {
            JsonNode spec = policy.object().path("spec");
            if (!policy.kind().equals("NetworkPolicy") || !policy.namespace().equals(namespace)
                    || !selects(spec.path("podSelector"), labels) || !texts(spec.path("policyTypes")).contains("Ingress")) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : spec.path("ingress")) {
                if (!portMatches(rule, port)) {
                    continue;
                }
                if (!rule.has("from") || rule.path("from").isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.path("from")) {
                    if (peerMatches(peer, namespace, objects, fromNamespace, fromLabels)) {
                        return true;
                    }
                }
            }
        }
        return !isolated;
    }

    /** Whether the policies let a pod of (namespace, labels) send to (toNamespace, toLabels) on port. */
    static boolean egressAllowed(List<K8sObject> objects, String namespace, Map<String, String> labels,
            String toNamespace, Map<String, String> toLabels, int port) {
        boolean isolated = false;
        for (K8sObject policy : objects) {
            JsonNode spec = policy.object().path("spec");
            if (!policy.kind().equals("NetworkPolicy") || !policy.namespace().equals(namespace)
                    || !selects(spec.path("podSelector"), labels) || !texts(spec.path("policyTypes")).contains("Egress")) {
                continue;
            }
            isolated = true;
            for (JsonNode rule : spec.path("egress")) {
                if (!portMatches(rule, port)) {
                    continue;
                }
                if (!rule.has("to") || rule.path("to").isEmpty()) {
                    return true;
                }
                for (JsonNode peer : rule.path("to")) {
                    if (peerMatches(peer, namespace, objects, toNamespace, toLabels)) {
                        return true;
                    }
                }
            }
        }
        return !isolated;
    }
}
