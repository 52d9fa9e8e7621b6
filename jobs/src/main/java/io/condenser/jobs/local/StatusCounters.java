package io.condenser.jobs.local;

import io.condenser.connectors.kafka.KafkaSampleSource;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * Which of the job's counters feed which figure of the status line: the one place that knows the
 * metric names it reads (the dashboard test checks the same names against a running job).
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

    static final String DIRECT_SAMPLES = "samplesReceived";
    static final String KAFKA_SAMPLES = "samples";
    static final String SINK_RECORDS_IN = "numRecordsIn";
    static final String SAMPLES_LATE = "samples_late";
    static final String REJECTED_LINES = "rejectedLines";

    /** The JobManager's gauge of the job's restarts (shown when not zero). */
    static final String RESTARTS = "numRestarts";

    /** The sink's operator name as the pipeline names it ("sink: Writer" once translated). */
    static final String SINK_OPERATOR_PREFIX = "sink";

    private static final String OPERATOR_NAME = "<operator_name>";

    /**
     * @return what the counter named {@code name} in {@code group} counts, or null when the status
     *     line does not show it
     */
    static StatusCounters classify(String name, MetricGroup group) {
        Map<String, String> vars = group.getAllVariables();
        String operator = vars.get(OPERATOR_NAME);
        switch (name) {
            case DIRECT_SAMPLES:
                return SAMPLES_IN;
            case KAFKA_SAMPLES:
                // the source operator is "Source: <name>" once translated
                return operator != null && operator.endsWith(KafkaSampleSource.NAME)
                        ? SAMPLES_IN
                        : null;
            case SINK_RECORDS_IN:
                // the operator's own counter, not the task's (which carries no operator name)
                return operator != null && operator.startsWith(SINK_OPERATOR_PREFIX)
                        ? OUTPUTS
                        : null;
            case SAMPLES_LATE:
                return LATE;
            case REJECTED_LINES:
                return REJECTED;
            default:
                return null;
        }
    }
}
