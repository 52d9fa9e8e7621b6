package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.config.JobConfigYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files docker-compose.yml mounts exist and say what the end-to-end test exercises (there is no
 * Docker engine here: .ci/run checks the compose file's syntax, this checks its content).
 */
class DeployFilesTest {

    static final Path ROOT = ClusterScripts.ROOT;

    @Test
    void everyMountedRepositoryPathExists() throws Exception {
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        Matcher m = Pattern.compile("- \\./([^:]+):").matcher(compose);
        int mounts = 0;
        while (m.find()) {
            String path = m.group(1);
            mounts++;
            if (path.startsWith("jobs/target/")) {
                continue; // built by mvn package
            }
            assertThat(ROOT.resolve(path)).as("mounted by docker-compose.yml").exists();
        }
        assertThat(mounts).isGreaterThanOrEqualTo(6);
        assertThat(compose).contains("image: flink:2.2.1-java17", "image: apache/kafka:4.2.0");
    }

    @Test
    void jobConfigurationsParseWithTheJobsOwnReader() throws Exception {
        JobConfig direct =
                JobConfigYaml.read(ROOT.resolve("deploy/condenser/condenser-direct.yaml")).build();
        JobConfig kafka =
                JobConfigYaml.read(ROOT.resolve("deploy/condenser/condenser-kafka.yaml")).build();
        assertThat(direct.sourceType()).isEqualTo(JobConfig.SourceType.DIRECT);
        assertThat(direct.direct().lineProtocolPort()).isEqualTo(8094);
        assertThat(kafka.sourceType()).isEqualTo(JobConfig.SourceType.KAFKA);
        assertThat(kafka.kafka().topic()).isEqualTo("telegraf");
        // Two jobs at parallelism 1 fill the TaskManager's two slots.
        assertThat(direct.parallelism() + kafka.parallelism()).isEqualTo(2);
    }

    @Test
    void telegrafAgentsWriteWhatTheJobsRead() throws Exception {
        String kafka = Files.readString(ROOT.resolve("deploy/telegraf/telegraf-kafka.conf"));
        // The shape ClusterEndToEndITCase produces: influx records keyed by host on "telegraf".
        assertThat(kafka)
                .contains("[[outputs.kafka]]", "topic = \"telegraf\"", "routing_tag = \"host\"")
                .contains("data_format = \"influx\"");
        String direct = Files.readString(ROOT.resolve("deploy/telegraf/telegraf-direct.conf"));
        assertThat(direct).contains("tcp://taskmanager:8094", "data_format = \"influx\"");
    }

    @Test
    void grafanaIsProvisionedWithTheDashboardAndItsDatasource() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper yaml =
                new com.fasterxml.jackson.databind.ObjectMapper(
                        new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var datasource =
                yaml.readTree(
                                ROOT.resolve(
                                                "deploy/grafana/provisioning/datasources/prometheus.yaml")
                                        .toFile())
                        .path("datasources")
                        .get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        String uid = datasource.path("uid").asText();
        var dashboard =
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(
                                ROOT.resolve("deploy/grafana/dashboards/condenser.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThan(5);
        for (var panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText())
                    .as("panel %s", panel.path("title").asText())
                    .isEqualTo(uid);
            assertThat(panel.path("targets").size()).isPositive();
        }
        String provider =
                yaml.readTree(
                                ROOT.resolve(
                                                "deploy/grafana/provisioning/dashboards/condenser.yaml")
                                        .toFile())
                        .path("providers")
                        .get(0)
                        .path("options")
                        .path("path")
                        .asText();
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        assertThat(compose)
                .contains("./deploy/grafana/dashboards:" + provider + ":ro")
                .contains(
                        "./deploy/grafana/provisioning/datasources:/etc/grafana/provisioning/datasources")
                .contains(
                        "./deploy/grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards");
    }
}
