package io.condenser.connectors.testing;

import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;

/**
 * A metric group that keeps what is registered on it under its path: {@code name} on the group
 * itself, {@code key=value/name} under a key-value group. For tests of metric names.
 */
public final class RecordingMetricGroup extends UnregisteredMetricsGroup {

    private final String prefix;
    private final Map<String, Metric> metrics;

    public RecordingMetricGroup() {
        this("", new TreeMap<>());
    }

    private RecordingMetricGroup(String prefix, Map<String, Metric> metrics) {
        this.prefix = prefix;
        this.metrics = metrics;
    }

    /** Everything registered, by path, sorted. */
    public Map<String, Metric> metrics() {
        return metrics;
    }

    public long count(String path) {
        Metric m = metrics.get(path);
        return m instanceof Counter c ? c.getCount() : -1;
    }

    @Override
    public Counter counter(String name) {
        return counter(name, new SimpleCounter());
    }

    @Override
    public <C extends Counter> C counter(String name, C counter) {
        synchronized (metrics) {
            metrics.put(prefix + name, counter);
        }
        return counter;
    }

    @Override
    public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
        synchronized (metrics) {
            metrics.put(prefix + name, gauge);
        }
        return gauge;
    }

    @Override
    public <H extends Histogram> H histogram(String name, H histogram) {
        synchronized (metrics) {
            metrics.put(prefix + name, histogram);
        }
        return histogram;
    }

    @Override
    public MetricGroup addGroup(String key, String value) {
        return new RecordingMetricGroup(prefix + key + "=" + value + "/", metrics);
    }

    @Override
    public MetricGroup addGroup(String name) {
        return new RecordingMetricGroup(prefix + name + "/", metrics);
    }
}
