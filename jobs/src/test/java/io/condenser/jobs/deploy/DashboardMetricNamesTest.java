package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.kafka.KafkaSourceMetrics;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.testing.RecordingMetricGroup;
import io.condenser.jobs.acceptance.DashboardQueries;
import io.condenser.jobs.acceptance.MetricsText;
import io.condenser.jobs.functions.StageMetrics;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleFileParser;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard's queries name Condenser's metrics as its components register them, in the
 * form Flink's Prometheus reporter gives them, or Flink's own. A renamed metric fails here at
 * unit-test speed; {@code ClusterAcceptanceITCase} checks the same queries against the scrape of a
 * real cluster running both paths.
 */
class DashboardMetricNamesTest {

    private static final String OPERATOR = MetricsText.OPERATOR;

    /** Flink's own metrics the dashboard shows: job health, lag, back-pressure, heap. */
    private static final Set<String> FLINKS =
            Set.of(
                    "flink_jobmanager_job_numRestarts",
                    "flink_jobmanager_job_lastCheckpointDuration",
                    "flink_jobmanager_job_numberOfFailedCheckpoints",
                    OPERATOR + "numRecordsSendErrors",
                    OPERATOR + "currentEmitEventTimeLag",
                    OPERATOR + "KafkaSourceReader_KafkaConsumer_records_lag_max",
                    "flink_taskmanager_job_task_backPressuredTimeMsPerSecond",
                    "flink_taskmanager_Status_JVM_Memory_Heap_Used");

    @Test
    void everyMetricTheDashboardQueriesIsCondensersAsRegisteredOrFlinks() throws Exception {
        Set<String> known = new TreeSet<>(FLINKS);
        known.addAll(condensers());
        assertThat(DashboardQueries.metrics().keySet()).isSubsetOf(known);
    }

    @Test
    void theReporterFormPutsGroupsAndKeysIntoTheNameAndDropsValues() {
        assertThat(reporterName("direct_samples_received")).isEqualTo("direct_samples_received");
        assertThat(reporterName("reason=bad_line/direct_lines_rejected"))
                .isEqualTo("reason_direct_lines_rejected");
        assertThat(reporterName("deserializer/reason=bad_line/kafka_lines_rejected"))
                .isEqualTo("deserializer_reason_kafka_lines_rejected");
        assertThat(reporterName("endpoint=a:9090/status=5xx/remote_write_requests"))
                .isEqualTo("endpoint_status_remote_write_requests");
    }

    /**
     * What the sources, the stages and the sink register on their operators' groups (every
     * per-reason and per-status counter made to exist), as a scrape names it.
     */
    private static Set<String> condensers() {
        RecordingMetricGroup group = new RecordingMetricGroup();
        DirectSourceMetrics direct = new DirectSourceMetrics(group, () -> 0);
        direct.rejected("bad_line");
        direct.skipped("string_field", 1);
        direct.response(204);
        // Flink's KafkaSource opens the deserializer with this subgroup of the reader's group
        KafkaSourceMetrics kafka = new KafkaSourceMetrics(group.addGroup(KafkaSourceMetrics.GROUP));
        kafka.rejected("bad_line");
        kafka.skipped("string_field", 1);
        RemoteWriteMetrics sink = new RemoteWriteMetrics(group);
        // no '/' in the endpoint: the recorded path would not tell it from a group
        sink.endpoint("prometheus:9090").dropped(DropReason.OUT_OF_ORDER, 1);

        // every stage's per-rule counters and levels, as they are registered when a rule set comes
        RuleFileParser.Result parsed =
                RuleFileParser.parse(
                        "dashboard.yaml",
                        "rules:\n  - name: r\n    match: m\n    interval: 10s\n"
                                + "    outputs: [total]\n");
        assertThat(parsed.problems()).isEmpty();
        RuleSet rules = RuleSet.of(1, parsed.rules());
        for (EngineCounter.Stage stage : EngineCounter.Stage.values()) {
            new StageMetrics(group, stage).registerRules(rules);
        }

        Set<String> names = new TreeSet<>();
        group.metrics().keySet().forEach(path -> names.add(OPERATOR + reporterName(path)));
        for (EngineCounter c : EngineCounter.values()) {
            names.add(OPERATOR + c.metricName());
        }
        names.add(OPERATOR + StageMetrics.RULE_SETS_APPLIED);
        names.add(OPERATOR + StageMetrics.RULE_SETS_REJECTED);
        return names;
    }

    /**
     * A {@link RecordingMetricGroup} path as Flink's Prometheus reporter names the metric: a
     * group's name, or a key-value group's key, joins the name with {@code _}; the value becomes a
     * label.
     */
    private static String reporterName(String path) {
        return path.replaceAll("([^/=]+)=[^/]*/", "$1_").replace('/', '_');
    }
}
