package io.condenser.jobs.local;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.kafka.KafkaSourceMetrics;
import io.condenser.rules.engine.EngineCounter;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.scope.ScopeFormat;

/**
 * Which of the job's counters feed which figure of the status line: the one place that knows the
 * metric names it reads, taken from the components' metrics classes (the dashboard test checks the
 * same names against a running job).
 */
enum StatusCounters {
    /** Samples the source accepted: the direct source's, or the Kafka source's parsed samples. */
    SAMPLES_IN,
    /** Samples that reached the sink (printed or remote-written). */
    OUTPUTS,
    /** Samples too late for their window (match and series stages). */
    LATE,
    /** Input lines the parsers rejected, any reason, any source. */
    REJECTED;

    static final String SINK_RECORDS_IN = "numRecordsIn";

    /** The JobManager's gauge of the job's restarts (shown when not zero). */
    static final String RESTARTS = "numRestarts";

    /** The sink's operator name as the pipeline names it ("sink: Writer" once translated). */
    static final String SINK_OPERATOR_PREFIX = "sink";

    private static final String OPERATOR_NAME = "<operator_name>";

    /** The counters whose name alone says what they count. */
    private static final Map<String, StatusCounters> BY_NAME =
            Map.of(
                    DirectSourceMetrics.SAMPLES_RECEIVED,
                    SAMPLES_IN,
                    KafkaSourceMetrics.SAMPLES_RECEIVED,
                    SAMPLES_IN,
                    EngineCounter.SAMPLES_LATE.metricName(),
                    LATE,
                    DirectSourceMetrics.LINES_REJECTED,
                    REJECTED,
                    KafkaSourceMetrics.LINES_REJECTED,
                    REJECTED);

    /**
     * The variables of the key-value groups that split a total into parts under the total's own
     * name: the sources' per-reason counters ({@code reason}, the key of both) and the stages'
     * per-rule ones ({@code rule=<name>}, StageMetrics). The status line counts the totals only.
     */
    private static final List<String> PART_VARIABLES =
            List.of(
                    ScopeFormat.asVariable(DirectSourceMetrics.REASON),
                    ScopeFormat.asVariable(KafkaSourceMetrics.REASON),
                    ScopeFormat.asVariable("rule"));

    /**
     * @return what the counter named {@code name} in {@code group} counts, or null when the status
     *     line does not show it
     */
    static StatusCounters classify(String name, MetricGroup group) {
        Map<String, String> vars = group.getAllVariables();
        if (PART_VARIABLES.stream().anyMatch(vars::containsKey)) {
            return null;
        }
        if (name.equals(SINK_RECORDS_IN)) {
            // the operator's own counter, not the task's (which carries no operator name)
            String operator = vars.get(OPERATOR_NAME);
            return operator != null && operator.startsWith(SINK_OPERATOR_PREFIX) ? OUTPUTS : null;
        }
        return BY_NAME.get(name);
    }
}
