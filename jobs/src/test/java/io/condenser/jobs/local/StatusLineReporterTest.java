package io.condenser.jobs.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.kafka.KafkaSampleSource;
import io.condenser.connectors.kafka.KafkaSourceMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.Test;

class StatusLineReporterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final StatusLineReporter reporter =
            new StatusLineReporter(
                    new PrintStream(printed, true, StandardCharsets.UTF_8), clock::get);

    private static MetricGroup operator(String name) {
        return new UnregisteredMetricsGroup() {
            @Override
            public Map<String, String> getAllVariables() {
                return Map.of("<operator_name>", name);
            }
        };
    }

    /** A per-reason counter's group: Flink's key-value group {@code reason=<reason>}. */
    private static MetricGroup reason(String reason) {
        return UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup()
                .addGroup(DirectSourceMetrics.REASON, reason);
    }

    /** A stage's per-rule counter's group: {@code rule=<name>}. */
    private static MetricGroup rule(String name) {
        return UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup()
                .addGroup("rule", name);
    }

    private Counter add(String name, MetricGroup group, long count) {
        Counter c = new SimpleCounter();
        c.inc(count);
        reporter.notifyOfAddedMetric(c, name, group);
        return c;
    }

    @Test
    void ratesAndTotalsFromTheJobsCounters() {
        Counter direct =
                add(DirectSourceMetrics.SAMPLES_RECEIVED, operator("Source: direct-source"), 0);
        add("numRecordsIn", operator("sink: Writer"), 7);
        add("numRecordsIn", operator("match-rules"), 1_000); // not the sink
        add("samples_late", operator("match-rules"), 2);
        add("samples_late", operator("series-feed"), 1);
        // the totals already count the parts: per rule, per reason
        add("samples_late", rule("cpu"), 2);
        add("samples_late", rule("mem"), 1);
        add(DirectSourceMetrics.LINES_REJECTED, operator("Source: direct-source"), 4);
        add(DirectSourceMetrics.LINES_REJECTED, reason("bad_line"), 3);
        add(DirectSourceMetrics.LINES_REJECTED, reason("bad_value"), 1);

        direct.inc(30_000);
        clock.addAndGet(10_000);
        reporter.report();
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "condenser: 3,000 samples/s in (30,000 total), 7 outputs, 3 late,"
                                + " 4 rejected\n");
    }

    @Test
    void kafkaSamplesCountAsInputAndItsRejectionsAsRejected() {
        MetricGroup source = operator("Source: " + KafkaSampleSource.NAME);
        Counter kafka = add(KafkaSourceMetrics.SAMPLES_RECEIVED, source, 0);
        add(KafkaSourceMetrics.LINES_REJECTED, source, 2);
        add(KafkaSourceMetrics.LINES_REJECTED, reason("bad_snappy"), 2);
        kafka.inc(500);
        clock.addAndGet(5_000);
        assertThat(reporter.statusLine())
                .startsWith("condenser: 100 samples/s in (500 total)")
                .endsWith(", 2 rejected");
    }

    @Test
    void aRestartedTaskDoesNotMakeTheTotalsGoBack() {
        MetricGroup source = operator("Source: direct-source");
        Counter first = add(DirectSourceMetrics.SAMPLES_RECEIVED, source, 1_000);
        clock.addAndGet(10_000);
        assertThat(reporter.statusLine()).startsWith("condenser: 100 samples/s in (1,000 total)");

        reporter.notifyOfRemovedMetric(first, DirectSourceMetrics.SAMPLES_RECEIVED, source);
        add(DirectSourceMetrics.SAMPLES_RECEIVED, source, 500);
        clock.addAndGet(10_000);
        assertThat(reporter.statusLine()).startsWith("condenser: 50 samples/s in (1,500 total)");
    }

    @Test
    void restartsShowOnceThereAreAny() {
        AtomicLong restarts = new AtomicLong();
        reporter.notifyOfAddedMetric(
                (org.apache.flink.metrics.Gauge<Long>) restarts::get,
                "numRestarts",
                new UnregisteredMetricsGroup());
        clock.addAndGet(10_000);
        assertThat(reporter.statusLine()).doesNotContain("restarts");
        restarts.set(3);
        clock.addAndGet(10_000);
        assertThat(reporter.statusLine()).endsWith(", 3 restarts (the log says why)");
    }
}
