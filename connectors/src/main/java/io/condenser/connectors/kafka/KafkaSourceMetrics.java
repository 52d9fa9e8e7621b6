package io.condenser.connectors.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The Kafka source's own counters, kept by {@link KafkaSampleDeserializationSchema} on the metric
 * group Flink's {@code KafkaSource} opens it with (the source reader's operator group, subgroup
 * {@value #GROUP}), in the project's one style (snake_case, named like the direct source's); with
 * Flink's Prometheus reporter {@code kafka_samples_received} becomes {@code
 * flink_taskmanager_job_task_operator_deserializer_kafka_samples_received}.
 *
 * <p>Per-reason counters are the total's name under the key-value group {@link #REASON} (a label
 * with Flink's Prometheus reporter, which also puts the key into the name: {@code
 * ..._deserializer_reason_kafka_lines_rejected{reason="bad_line"}}), created on first use. Updated
 * by the task thread only.
 */
public final class KafkaSourceMetrics {

    /** The subgroup Flink's {@code KafkaSource} gives its deserializer. */
    public static final String GROUP = "deserializer";

    /** Records read, empty ones included. */
    public static final String RECORDS_RECEIVED = "kafka_records_received";

    /** Tombstones and empty values: nothing to parse, nothing wrong. */
    public static final String RECORDS_EMPTY = "kafka_records_empty";

    /** Records a parser threw on (a bug): skipped. */
    public static final String RECORDS_FAILED = "kafka_records_failed";

    /** Samples parsed and emitted. */
    public static final String SAMPLES_RECEIVED = "kafka_samples_received";

    /** Lines (or remote-write series) rejected by a parser; per {@link #REASON} too. */
    public static final String LINES_REJECTED = "kafka_lines_rejected";

    /** Valid input not turned into samples (string fields, ...); per {@link #REASON} too. */
    public static final String VALUES_SKIPPED = "kafka_values_skipped";

    /** The key of the key-value group that counts per parser reason. */
    public static final String REASON = "reason";

    private final MetricGroup group;
    private final Counter recordsReceived;
    private final Counter recordsEmpty;
    private final Counter recordsFailed;
    private final Counter samplesReceived;
    private final Counter linesRejected;
    private final Counter valuesSkipped;
    private final Map<String, Counter> rejected = new HashMap<>();
    private final Map<String, Counter> skipped = new HashMap<>();

    /**
     * @param group the group the deserialization schema is opened with
     */
    public KafkaSourceMetrics(MetricGroup group) {
        this.group = group;
        recordsReceived = group.counter(RECORDS_RECEIVED);
        recordsEmpty = group.counter(RECORDS_EMPTY);
        recordsFailed = group.counter(RECORDS_FAILED);
        samplesReceived = group.counter(SAMPLES_RECEIVED);
        linesRejected = group.counter(LINES_REJECTED);
        valuesSkipped = group.counter(VALUES_SKIPPED);
    }

    public void record() {
        recordsReceived.inc();
    }

    public void emptyRecord() {
        recordsEmpty.inc();
    }

    public void failedRecord() {
        recordsFailed.inc();
    }

    public void samples(long n) {
        samplesReceived.inc(n);
    }

    public void rejected(String reason) {
        linesRejected.inc();
        rejected.computeIfAbsent(reason, r -> group.addGroup(REASON, r).counter(LINES_REJECTED))
                .inc();
    }

    public void skipped(String reason, long count) {
        valuesSkipped.inc(count);
        skipped.computeIfAbsent(reason, r -> group.addGroup(REASON, r).counter(VALUES_SKIPPED))
                .inc(count);
    }
}
