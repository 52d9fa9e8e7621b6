package io.condenser.jobs.bench;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Keeps the direct source's {@code direct_samples_received} counters and {@code
 * direct_connections_open} gauges of the MiniCluster (which runs in the harness's JVM) so the
 * harness reads them live and exactly: the REST API's metric store lags by up to a second, a large
 * error on a short measurement. Registered under META-INF/services; Flink instantiates it only when
 * {@code metrics.reporter.<name>.factory.class} names it.
 */
public final class BenchMetricReporter implements MetricReporter {

    private static final List<Counter> SAMPLES_RECEIVED = new CopyOnWriteArrayList<>();
    private static final List<Gauge<?>> OPEN_CONNECTIONS = new CopyOnWriteArrayList<>();

    /** Samples all direct-source readers accepted so far (a running total). */
    static long directSamplesReceived() {
        return SAMPLES_RECEIVED.stream().mapToLong(Counter::getCount).sum();
    }

    /** Open connections of each direct-source reader. */
    static List<Integer> directOpenConnections() {
        return OPEN_CONNECTIONS.stream().map(g -> ((Number) g.getValue()).intValue()).toList();
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        if (metric instanceof Counter c && name.equals(DirectSourceMetrics.SAMPLES_RECEIVED)) {
            SAMPLES_RECEIVED.add(c);
        } else if (metric instanceof Gauge<?> g
                && name.equals(DirectSourceMetrics.CONNECTIONS_OPEN)) {
            OPEN_CONNECTIONS.add(g);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        SAMPLES_RECEIVED.remove(metric);
        OPEN_CONNECTIONS.remove(metric);
    }

    /** Found by Flink through {@code ServiceLoader}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new BenchMetricReporter();
        }
    }
}
