package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.sinks.PrintingSink;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** The graph {@code main} builds for each source and rule-source choice (built, not run). */
class CondenserJobTest {

    private static List<String> uids(JobConfig config) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        CondenserJob.flinkConfiguration(config));
        CondenserJob.build(env, config);
        StreamGraph graph = env.getStreamGraph();
        return graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .filter(u -> u != null)
                .collect(Collectors.toList());
    }

    @Test
    void directSourceAndRulesDirectory() {
        JobConfig config = JobConfig.builder().rulesPath("rules/examples").build();
        assertThat(uids(config))
                .contains(
                        CondenserJob.UID_DIRECT_SOURCE,
                        CondenserJob.UID_RULES_FILE,
                        Uids.MATCH,
                        Uids.SERIES_WINDOW,
                        Uids.GROUP_WINDOW)
                .doesNotContain(CondenserJob.UID_RULES_TOPIC);
    }

    @Test
    void kafkaSourceAndRulesTopic() {
        JobConfig config =
                JobConfig.builder()
                        .sourceType(JobConfig.SourceType.KAFKA)
                        .kafka(k -> k.bootstrapServers("127.0.0.1:9").topic("metrics"))
                        .rulesTopic("rules")
                        .build();
        assertThat(uids(config))
                .contains(CondenserJob.UID_RULES_TOPIC, Uids.MATCH)
                .doesNotContain(CondenserJob.UID_DIRECT_SOURCE, CondenserJob.UID_RULES_FILE);
    }

    @Test
    void flinkSettings() {
        JobConfig config =
                JobConfig.builder()
                        .rulesPath("r")
                        .checkpointInterval(Duration.ofSeconds(15))
                        .checkpointDir("file:///tmp/cp")
                        .parallelism(3)
                        .build();
        Configuration conf = CondenserJob.flinkConfiguration(config);
        assertThat(conf.toMap())
                .containsEntry("state.backend.type", "rocksdb")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.interval", "15000ms")
                .containsEntry("execution.checkpointing.dir", "file:///tmp/cp")
                .containsEntry("pipeline.generic-types", "false")
                .containsEntry("parallelism.default", "3");
    }

    @Test
    void printsWithoutEndpointWritesWithOne() {
        assertThat(CondenserJob.sink(JobConfig.builder().rulesPath("r").build()))
                .isInstanceOf(PrintingSink.class);
        assertThat(
                        CondenserJob.sink(
                                JobConfig.builder()
                                        .rulesPath("r")
                                        .remoteWrite(
                                                w ->
                                                        w.urls(
                                                                List.of(
                                                                        "http://127.0.0.1:9/api/v1/write")))
                                        .build()))
                .isInstanceOf(PrometheusRemoteWriteSink.class);
    }
}
