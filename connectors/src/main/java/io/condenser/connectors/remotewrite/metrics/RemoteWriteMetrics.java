package io.condenser.connectors.remotewrite.metrics;

import io.condenser.connectors.remotewrite.send.DropReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The sink's metrics under {@code <sink operator>.remoteWrite}. Sample and request counts are per
 * endpoint ({@code endpoint=<host:port>}) because each endpoint has its own queue and retries.
 * Counters are thread-safe: endpoint sender threads update them.
 *
 * <pre>
 * remoteWrite.samplesDropped{reason=not_newer|invalid}          before any endpoint
 * remoteWrite.endpoint.samplesSent
 * remoteWrite.endpoint.samplesDropped{reason=...}
 * remoteWrite.endpoint.requests{status=2xx|4xx|5xx|error}
 * remoteWrite.endpoint.retries, bytesSent, queuedBatches (gauge),
 * remoteWrite.endpoint.requestLatencyMs (histogram), lastRequestLatencyMs (gauge)
 * </pre>
 */
public final class RemoteWriteMetrics {

    private final MetricGroup group;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final SinkWriterMetricGroup standard;

    public RemoteWriteMetrics(MetricGroup parent) {
        this.group = parent.addGroup("remoteWrite");
        this.standard = parent instanceof SinkWriterMetricGroup w ? w : null;
    }

    /**
     * Also feeds Flink's standard sink metrics ({@code numRecordsSend}, {@code numBytesSend},
     * {@code numRecordsSendErrors}, shown in the web UI). Their counters are not thread-safe and
     * endpoint threads update them, hence the lock.
     */
    private void standardSent(int samples, int bytes) {
        if (standard != null) {
            synchronized (standard) {
                standard.getNumRecordsSendCounter().inc(samples);
                standard.getNumBytesSendCounter().inc(bytes);
            }
        }
    }

    private void standardDropped(long samples) {
        if (standard != null) {
            synchronized (standard) {
                standard.getNumRecordsSendErrorsCounter().inc(samples);
            }
        }
    }

    public synchronized void dropped(DropReason reason, long samples) {
        dropped.computeIfAbsent(
                        reason,
                        r ->
                                group.addGroup("reason", r.metricName())
                                        .counter("samplesDropped", new ThreadSafeSimpleCounter()))
                .inc(samples);
    }

    public synchronized Endpoint endpoint(String name) {
        Endpoint e = new Endpoint(this, group.addGroup("endpoint", name));
        endpoints.add(e);
        return e;
    }

    /** Samples dropped before reaching any endpoint, for one reason. */
    public synchronized long droppedCount(DropReason reason) {
        Counter c = dropped.get(reason);
        return c == null ? 0 : c.getCount();
    }

    /** Every endpoint's metrics, in creation order. */
    public synchronized List<Endpoint> endpoints() {
        return new ArrayList<>(endpoints);
    }

    /** One endpoint's counters. */
    public static final class Endpoint {
        private final RemoteWriteMetrics parent;
        private final MetricGroup group;
        private final Counter samplesSent;
        private final Counter retries;
        private final Counter bytesSent;
        private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
        private final Counter[] requests = new Counter[4];
        private final Histogram latency;
        private final AtomicLong lastLatencyMs = new AtomicLong();
        private final AtomicLong queued = new AtomicLong();
        private final AtomicLong droppedTotal = new AtomicLong();
        private final AtomicLong sentTotal = new AtomicLong();

        private Endpoint(RemoteWriteMetrics parent, MetricGroup group) {
            this.parent = parent;
            this.group = group;
            this.samplesSent = group.counter("samplesSent", new ThreadSafeSimpleCounter());
            this.retries = group.counter("retries", new ThreadSafeSimpleCounter());
            this.bytesSent = group.counter("bytesSent", new ThreadSafeSimpleCounter());
            String[] classes = {"2xx", "4xx", "5xx", "error"};
            for (int i = 0; i < classes.length; i++) {
                requests[i] =
                        group.addGroup("status", classes[i])
                                .counter("requests", new ThreadSafeSimpleCounter());
            }
            this.latency =
                    group.histogram("requestLatencyMs", new DescriptiveStatisticsHistogram(1000));
            group.gauge("lastRequestLatencyMs", (Gauge<Long>) lastLatencyMs::get);
            group.gauge("queuedBatches", (Gauge<Long>) queued::get);
        }

        public void sent(int samples, int bytes) {
            samplesSent.inc(samples);
            bytesSent.inc(bytes);
            sentTotal.addAndGet(samples);
            parent.standardSent(samples, bytes);
        }

        public synchronized void dropped(DropReason reason, long samples) {
            dropped.computeIfAbsent(
                            reason,
                            r ->
                                    group.addGroup("reason", r.metricName())
                                            .counter(
                                                    "samplesDropped",
                                                    new ThreadSafeSimpleCounter()))
                    .inc(samples);
            droppedTotal.addAndGet(samples);
            parent.standardDropped(samples);
        }

        /** A response (status > 0) or a connection failure (status <= 0) after {@code ms}. */
        public synchronized void request(int status, long ms) {
            int cls = status <= 0 ? 3 : status / 100 == 2 ? 0 : status / 100 == 4 ? 1 : 2;
            requests[cls].inc();
            latency.update(ms);
            lastLatencyMs.set(ms);
        }

        public void retry() {
            retries.inc();
        }

        public void queued(long delta) {
            queued.addAndGet(delta);
        }

        public synchronized long droppedCount(DropReason reason) {
            Counter c = dropped.get(reason);
            return c == null ? 0 : c.getCount();
        }

        public Histogram latency() {
            return latency;
        }

        public long retries() {
            return retries.getCount();
        }

        public long droppedTotal() {
            return droppedTotal.get();
        }

        public long sentTotal() {
            return sentTotal.get();
        }
    }
}
