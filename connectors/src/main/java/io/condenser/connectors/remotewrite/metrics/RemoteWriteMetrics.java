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
 * The sink's metrics, on the sink writer's (and, exactly-once, the committer's) operator metric
 * group, in the project's one style (snake_case, like the job's {@code samples_late}); with Flink's
 * Prometheus reporter {@code remote_write_outputs_written} becomes {@code
 * flink_taskmanager_job_task_operator_remote_write_outputs_written}.
 *
 * <p>The names below are totals over every endpoint. The same names also exist per endpoint under
 * the key-value group {@link #ENDPOINT}{@code =<host:port/path>}, because each endpoint has its own
 * queue and retries. Per-reason and per-status-class counters are the total's name under the
 * key-value group {@link #REASON} or {@link #STATUS} (the status classes from the start, reasons on
 * first use). A key-value group is a label with Flink's Prometheus reporter, which also puts the
 * key into the name: {@code
 * flink_taskmanager_job_task_operator_endpoint_status_remote_write_requests{endpoint="...",
 * status="5xx"}}. Counters are thread-safe: endpoint sender threads update them.
 */
public final class RemoteWriteMetrics {

    /** Samples a receiver accepted (outputs written), counted once per endpoint. */
    public static final String OUTPUTS_WRITTEN = "remote_write_outputs_written";

    /** Samples dropped, before sending or refused for good; per {@link #REASON} too. */
    public static final String SAMPLES_DROPPED = "remote_write_samples_dropped";

    /**
     * Requests answered or failed; per {@link #STATUS} class too: {@code 2xx}, {@code 4xx}, {@code
     * 5xx}, {@code error} (no answer).
     */
    public static final String REQUESTS = "remote_write_requests";

    /** Requests that did not succeed (non-2xx or no answer). */
    public static final String REQUEST_FAILURES = "remote_write_request_failures";

    /** Requests sent again after a retryable failure. */
    public static final String RETRIES = "remote_write_retries";

    /** Compressed bytes accepted by a receiver. */
    public static final String BYTES_SENT = "remote_write_bytes_sent";

    /** Gauge: batches waiting or in flight. */
    public static final String QUEUED_BATCHES = "remote_write_queued_batches";

    /** Histogram of request latency over the last 1000 requests, in ms. */
    public static final String REQUEST_LATENCY_MS = "remote_write_request_latency_ms";

    /** Gauge: the latest request's latency in ms. */
    public static final String LAST_REQUEST_LATENCY_MS = "remote_write_last_request_latency_ms";

    /** The key of the key-value group per endpoint; the value is {@code host:port/path}. */
    public static final String ENDPOINT = "endpoint";

    /** The key of the key-value group per drop reason ({@link DropReason#metricName()}). */
    public static final String REASON = "reason";

    /** The key of the key-value group per request status class. */
    public static final String STATUS = "status";

    private static final String[] STATUS_CLASSES = {"2xx", "4xx", "5xx", "error"};

    private final MetricGroup group;
    private final Counters totals;
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final SinkWriterMetricGroup standard;

    public RemoteWriteMetrics(MetricGroup parent) {
        this.group = parent;
        this.totals = new Counters(parent);
        this.standard = parent instanceof SinkWriterMetricGroup w ? w : null;
    }

    /** One set of the counters: the sink-wide totals, or one endpoint's. */
    private static final class Counters {
        private final MetricGroup group;
        private final Counter written;
        private final Counter dropped;
        private final Map<DropReason, Counter> droppedBy = new EnumMap<>(DropReason.class);
        private final Counter requests;
        private final Counter[] requestsBy = new Counter[STATUS_CLASSES.length];
        private final Counter failures;
        private final Counter retries;
        private final Counter bytes;
        private final Histogram latency;
        private final AtomicLong lastLatencyMs = new AtomicLong();
        private final AtomicLong queued = new AtomicLong();

        Counters(MetricGroup group) {
            this.group = group;
            written = counter(OUTPUTS_WRITTEN);
            dropped = counter(SAMPLES_DROPPED);
            requests = counter(REQUESTS);
            for (int i = 0; i < STATUS_CLASSES.length; i++) {
                requestsBy[i] = counter(group.addGroup(STATUS, STATUS_CLASSES[i]), REQUESTS);
            }
            failures = counter(REQUEST_FAILURES);
            retries = counter(RETRIES);
            bytes = counter(BYTES_SENT);
            latency = group.histogram(REQUEST_LATENCY_MS, new DescriptiveStatisticsHistogram(1000));
            group.gauge(LAST_REQUEST_LATENCY_MS, (Gauge<Long>) lastLatencyMs::get);
            group.gauge(QUEUED_BATCHES, (Gauge<Long>) queued::get);
        }

        private Counter counter(String name) {
            return counter(group, name);
        }

        private static Counter counter(MetricGroup group, String name) {
            return group.counter(name, new ThreadSafeSimpleCounter());
        }

        synchronized void dropped(DropReason reason, long samples) {
            dropped.inc(samples);
            droppedBy
                    .computeIfAbsent(
                            reason,
                            r -> counter(group.addGroup(REASON, r.metricName()), SAMPLES_DROPPED))
                    .inc(samples);
        }

        synchronized long droppedCount(DropReason reason) {
            Counter c = droppedBy.get(reason);
            return c == null ? 0 : c.getCount();
        }

        synchronized void request(int status, long ms) {
            int cls = status <= 0 ? 3 : status / 100 == 2 ? 0 : status / 100 == 4 ? 1 : 2;
            requests.inc();
            requestsBy[cls].inc();
            if (cls != 0) {
                failures.inc();
            }
            latency.update(ms);
            lastLatencyMs.set(ms);
        }
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

    /** Samples dropped before reaching any endpoint, for one reason. */
    public void dropped(DropReason reason, long samples) {
        totals.dropped(reason, samples);
    }

    public synchronized Endpoint endpoint(String name) {
        Endpoint e = new Endpoint(this, group.addGroup(ENDPOINT, name));
        endpoints.add(e);
        return e;
    }

    /** Samples dropped for one reason, at the sink or any endpoint. */
    public long droppedCount(DropReason reason) {
        return totals.droppedCount(reason);
    }

    public long outputsWritten() {
        return totals.written.getCount();
    }

    public long retries() {
        return totals.retries.getCount();
    }

    public long requestFailures() {
        return totals.failures.getCount();
    }

    /** Every endpoint's metrics, in creation order. */
    public synchronized List<Endpoint> endpoints() {
        return new ArrayList<>(endpoints);
    }

    /** One endpoint's counters; each update also counts in the sink-wide totals. */
    public static final class Endpoint {
        private final RemoteWriteMetrics parent;
        private final Counters own;
        private final AtomicLong droppedTotal = new AtomicLong();
        private final AtomicLong sentTotal = new AtomicLong();

        private Endpoint(RemoteWriteMetrics parent, MetricGroup group) {
            this.parent = parent;
            this.own = new Counters(group);
        }

        public void sent(int samples, int bytes) {
            for (Counters c : new Counters[] {own, parent.totals}) {
                c.written.inc(samples);
                c.bytes.inc(bytes);
            }
            sentTotal.addAndGet(samples);
            parent.standardSent(samples, bytes);
        }

        public void dropped(DropReason reason, long samples) {
            own.dropped(reason, samples);
            parent.totals.dropped(reason, samples);
            droppedTotal.addAndGet(samples);
            parent.standardDropped(samples);
        }

        /** A response (status > 0) or a connection failure (status <= 0) after {@code ms}. */
        public void request(int status, long ms) {
            own.request(status, ms);
            parent.totals.request(status, ms);
        }

        public void retry() {
            own.retries.inc();
            parent.totals.retries.inc();
        }

        public void queued(long delta) {
            own.queued.addAndGet(delta);
            parent.totals.queued.addAndGet(delta);
        }

        public long droppedCount(DropReason reason) {
            return own.droppedCount(reason);
        }

        public Histogram latency() {
            return own.latency;
        }

        public long retries() {
            return own.retries.getCount();
        }

        public long droppedTotal() {
            return droppedTotal.get();
        }

        public long sentTotal() {
            return sentTotal.get();
        }
    }
}
