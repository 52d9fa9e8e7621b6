package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.config.JobConfigYaml;
import io.condenser.rules.parse.RuleSetLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes against the Flink Kubernetes Operator's own CRD schema (the fabric8-generated
 * {@code flinkdeployments.flink.apache.org-v1.yml} in flink-kubernetes-operator-api 1.10.0, the
 * newest release on Maven Central), validated strictly as {@code kubectl apply --validate=strict}
 * does (an unknown field is an error), and the plain resources against what they must agree with:
 * the labels the operator gives TaskManager pods, the job configurations and rules in the
 * ConfigMaps (read by the job's own readers), the volume claim, Flink's options.
 *
 * <p>One deviation, on purpose: the 1.10 schema's {@code flinkVersion} enum ends at {@code v1_20}
 * (it predates Flink 2); the manifests say {@code v2_0}, which operators from 1.11 on accept for
 * Flink 2.x images, so the test adds exactly that value to the enum.
 */
class KubernetesResourcesTest {

    static final Path DIR = ClusterScripts.ROOT.resolve("deploy/kubernetes");
    static final String CRD = "/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void flinkDeploymentsValidateAgainstTheOperatorsCrd() throws Exception {
        JsonSchema schema = crdSchema();
        List<JsonNode> deployments = resources("FlinkDeployment");
        assertThat(deployments)
                .extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("condenser-direct", "condenser-kafka");
        for (JsonNode d : deployments) {
            Set<ValidationMessage> problems = schema.validate(d);
            assertThat(problems).as(d.path("metadata").path("name").asText()).isEmpty();
        }
    }

    @Test
    void theStrictSchemaRejectsAMisspeltField() throws Exception {
        ObjectNode d = (ObjectNode) resources("FlinkDeployment").get(0).deepCopy();
        ((ObjectNode) d.path("spec")).set("jobManger", d.path("spec").path("jobManager"));
        ((ObjectNode) d.path("spec").path("job")).put("upgradeMode", "restart");
        assertThat(crdSchema().validate(d))
                .extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("jobManger"))
                .anyMatch(m -> m.contains("upgradeMode"));
    }

    @Test
    void theServiceSelectsTheDirectJobsTaskManagerOnItsListenerPorts() throws Exception {
        JsonNode service = resources("Service").get(0);
        Map<String, String> selector = strings(service.path("spec").path("selector"));
        // the labels the operator puts on TaskManager pods
        assertThat(selector)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("app", "condenser-direct", "component", "taskmanager"));
        JobConfig direct = jobConfig(deployment("condenser-direct"));
        Set<Integer> ports = new TreeSet<>();
        service.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asInt()));
        assertThat(ports)
                .containsExactlyInAnyOrder(
                        direct.direct().lineProtocolPort(),
                        direct.direct().httpPort(),
                        direct.direct().graphitePort());
        Set<Integer> containerPorts = new TreeSet<>();
        mainContainer(deployment("condenser-direct"))
                .path("ports")
                .forEach(p -> containerPorts.add(p.path("containerPort").asInt()));
        assertThat(containerPorts).containsAll(ports);
    }

    @Test
    void eachJobReadsAConfigurationTheJobAcceptsWithItsParallelism() throws Exception {
        for (JsonNode d : resources("FlinkDeployment")) {
            JobConfig config = jobConfig(d);
            assertThat(d.path("spec").path("job").path("parallelism").asInt())
                    .as("spec.job.parallelism of %s", d.path("metadata").path("name").asText())
                    .isEqualTo(config.parallelism());
            assertThat(config.rulesPath()).isEqualTo(mountPath(d, "rules"));
        }
        assertThat(jobConfig(deployment("condenser-kafka")).sourceType())
                .isEqualTo(JobConfig.SourceType.KAFKA);
        assertThat(jobConfig(deployment("condenser-direct")).sourceType())
                .isEqualTo(JobConfig.SourceType.DIRECT);
    }

    @Test
    void theRulesConfigMapIsAValidRuleSet() throws Exception {
        JsonNode rules = configMap("condenser-rules");
        RuleSetLoader.Result loaded =
                RuleSetLoader.loadTexts(new java.util.TreeMap<>(strings(rules.path("data"))), 1);
        assertThat(loaded.problems()).isEmpty();
    }

    @Test
    void volumesAndFlinkOptionsExist() throws Exception {
        Set<String> claims = new TreeSet<>();
        resources("PersistentVolumeClaim")
                .forEach(c -> claims.add(c.path("metadata").path("name").asText()));
        Set<String> known =
                FlinkConfTest.knownKeys(
                        List.of(
                                CoreOptions.class,
                                TaskManagerOptions.class,
                                StateBackendOptions.class,
                                CheckpointingOptions.class,
                                RestartStrategyOptions.class,
                                PipelineOptions.class,
                                HighAvailabilityOptions.class));
        for (JsonNode d : resources("FlinkDeployment")) {
            for (JsonNode v : d.path("spec").path("podTemplate").path("spec").path("volumes")) {
                if (v.has("persistentVolumeClaim")) {
                    assertThat(claims)
                            .contains(v.path("persistentVolumeClaim").path("claimName").asText());
                }
                if (v.has("configMap")) {
                    assertThat(configMap(v.path("configMap").path("name").asText())).isNotNull();
                }
            }
            Iterator<String> keys = d.path("spec").path("flinkConfiguration").fieldNames();
            while (keys.hasNext()) {
                String key = keys.next();
                if (key.startsWith("metrics.reporter.prom.")
                        || key.startsWith("kubernetes.operator.")) {
                    continue; // the reporter's own keys; the operator's settings
                }
                assertThat(known).as("%s is a Flink 2.2 option", key).contains(key);
            }
        }
    }

    @Test
    void kustomizationListsEveryManifest() throws Exception {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        k.path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(listed)
                    .isEqualTo(
                            files.map(f -> f.getFileName().toString())
                                    .filter(
                                            n ->
                                                    n.endsWith(".yaml")
                                                            && !n.equals("kustomization.yaml"))
                                    .collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    /** The v1beta1 schema from the operator's CRD, made strict, with the v2_0 flinkVersion. */
    static JsonSchema crdSchema() throws IOException {
        JsonNode crd;
        try (InputStream in = KubernetesResourcesTest.class.getResourceAsStream(CRD)) {
            assertThat(in).as("%s in flink-kubernetes-operator-api", CRD).isNotNull();
            crd = YAML.readTree(in);
        }
        JsonNode schema = null;
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (v.path("name").asText().equals("v1beta1")) {
                schema = v.path("schema").path("openAPIV3Schema").deepCopy();
            }
        }
        assertThat(schema).isNotNull();
        ArrayNode versions =
                (ArrayNode)
                        schema.path("properties")
                                .path("spec")
                                .path("properties")
                                .path("flinkVersion")
                                .path("enum");
        assertThat(versions).extracting(JsonNode::asText).contains("v1_20").doesNotContain("v2_0");
        versions.add("v2_0");
        // what the API server checks itself, outside the CRD's schema: the resource's identity
        ObjectNode root = (ObjectNode) schema.path("properties");
        root.putObject("apiVersion")
                .put("type", "string")
                .putArray("enum")
                .add("flink.apache.org/v1beta1");
        root.putObject("kind").put("type", "string").putArray("enum").add("FlinkDeployment");
        root.putObject("metadata").put("type", "object");
        ((ObjectNode) schema).putArray("required").add("apiVersion").add("kind").add("metadata");
        strict(schema);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schema);
    }

    /**
     * Unknown fields are errors, as with {@code kubectl --validate=strict}: every object schema
     * with declared properties and neither additionalProperties nor
     * x-kubernetes-preserve-unknown-fields gets {@code additionalProperties: false}.
     */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.has("properties")
                    && !o.has("additionalProperties")
                    && !o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                o.put("additionalProperties", false);
            }
            o.elements().forEachRemaining(KubernetesResourcesTest::strict);
        } else if (node instanceof ArrayNode a) {
            a.forEach(KubernetesResourcesTest::strict);
        }
    }

    static List<JsonNode> resources(String kind) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                var parser = YAML.getFactory().createParser(f.toFile());
                for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                    if (kind.equals(doc.path("kind").asText())) {
                        out.add(doc);
                    }
                }
            }
        }
        return out;
    }

    private static JsonNode deployment(String name) throws IOException {
        return byName("FlinkDeployment", name);
    }

    private static JsonNode configMap(String name) throws IOException {
        return byName("ConfigMap", name);
    }

    private static JsonNode byName(String kind, String name) throws IOException {
        return resources(kind).stream()
                .filter(r -> r.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static JsonNode mainContainer(JsonNode deployment) {
        for (JsonNode c :
                deployment.path("spec").path("podTemplate").path("spec").path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                return c;
            }
        }
        throw new AssertionError("no flink-main-container");
    }

    /**
     * Where the pod template mounts the volume whose ConfigMap is named {@code condenser-<what>}.
     */
    private static String mountPath(JsonNode deployment, String volume) {
        for (JsonNode m : mainContainer(deployment).path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount " + volume);
    }

    /** The job configuration its {@code --config} argument names, from the mounted ConfigMap. */
    private static JobConfig jobConfig(JsonNode deployment) throws IOException {
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        Path file = Path.of(args.get(args.indexOf("--config") + 1));
        assertThat(file.getParent().toString()).isEqualTo(mountPath(deployment, "config"));
        String yaml =
                configMap("condenser-config")
                        .path("data")
                        .path(file.getFileName().toString())
                        .asText(null);
        assertThat(yaml).as("ConfigMap condenser-config has %s", file.getFileName()).isNotNull();
        return JobConfigYaml.read(yaml, "ConfigMap condenser-config " + file.getFileName()).build();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new TreeMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
