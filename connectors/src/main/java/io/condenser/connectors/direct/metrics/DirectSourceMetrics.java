package io.condenser.connectors.direct.metrics;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The direct source's metrics, registered on the source reader's operator metric group in the
 * project's one style (snake_case, like the job's {@code samples_late}); with Flink's Prometheus
 * reporter {@code direct_samples_received} becomes {@code
 * flink_taskmanager_job_task_operator_direct_samples_received}. Updated from network threads, hence
 * thread-safe counters.
 *
 * <p>Counters per reason or status are the total's name under a key-value group, {@link #REASON} or
 * {@link #STATUS} (a label with Flink's Prometheus reporter, which puts the key into the name:
 * {@code flink_taskmanager_job_task_operator_reason_direct_lines_rejected{reason="bad_line"}}),
 * beside the total; they are created on first use, so a dashboard query must treat a missing one as
 * 0. Reasons are the parsers' ({@code Rejection.reason()}), a bounded set of stable tokens;
 * statuses the HTTP answers.
 */
public final class DirectSourceMetrics {

    public static final String CONNECTIONS_OPENED = "direct_connections_opened";

    /** Over {@code max-connections}: TCP closed at once, HTTP answered 503. */
    public static final String CONNECTIONS_REFUSED = "direct_connections_refused";

    /** Gauge: TCP and HTTP connections open now. */
    public static final String CONNECTIONS_OPEN = "direct_connections_open";

    /** Bytes off the wire (TCP before gunzip; HTTP bodies as sent). */
    public static final String BYTES_RECEIVED = "direct_bytes_received";

    public static final String LINES_RECEIVED = "direct_lines_received";

    /** Samples parsed and queued for the job. */
    public static final String SAMPLES_RECEIVED = "direct_samples_received";

    /** Samples dropped because they are stamped beyond {@code max-future}. */
    public static final String SAMPLES_TOO_FAR_IN_FUTURE = "direct_samples_too_far_in_future";

    /** Lines (or remote-write series) rejected by a parser; per {@link #REASON} too. */
    public static final String LINES_REJECTED = "direct_lines_rejected";

    /** Valid input not turned into samples (string fields, ...); per {@link #REASON} too. */
    public static final String VALUES_SKIPPED = "direct_values_skipped";

    /** HTTP answers; per {@link #STATUS} code too. */
    public static final String HTTP_REQUESTS = "direct_http_requests";

    /** A handler threw: an HTTP request (answered 500) or a TCP connection (closed). */
    public static final String HANDLER_ERRORS = "direct_handler_errors";

    /** HTTP connections closed because a request's headers or body did not arrive in time. */
    public static final String HTTP_READ_TIMEOUTS = "direct_http_read_timeouts";

    /** Gauge: HTTP responses waiting for a checkpoint ({@code ack: on-checkpoint}). */
    public static final String HTTP_REQUESTS_HELD = "direct_http_requests_held";

    /** Gauge: samples waiting between the network threads and the task. */
    public static final String SAMPLES_QUEUED = "direct_samples_queued";

    /** Gauge: TCP samples not yet covered by a completed checkpoint (a crash would lose them). */
    public static final String TCP_SAMPLES_AT_RISK = "direct_tcp_samples_at_risk";

    /** The key of the key-value group that counts per parser reason. */
    public static final String REASON = "reason";

    /** The key of the key-value group that counts per HTTP status code. */
    public static final String STATUS = "status";

    private final MetricGroup group;
    private final Counter connectionsOpened;
    private final Counter connectionsRefused;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Counter bytesReceived;
    private final Counter linesReceived;
    private final Counter samplesReceived;
    private final Counter samplesTooFarInFuture;
    private final Counter linesRejected;
    private final Counter valuesSkipped;
    private final Counter httpRequests;
    private final Counter handlerErrors;
    private final Counter readTimeouts;
    private final AtomicInteger heldRequests = new AtomicInteger();
    private final AtomicLong tcpSamplesAccepted = new AtomicLong();
    private volatile long tcpSamplesCheckpointed;
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> skipped = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> responses = new ConcurrentHashMap<>();

    /**
     * @param group the source reader's metric group
     * @param queuedSamples what {@link #SAMPLES_QUEUED} reports
     */
    public DirectSourceMetrics(MetricGroup group, IntSupplier queuedSamples) {
        this.group = group;
        connectionsOpened = counter(CONNECTIONS_OPENED);
        connectionsRefused = counter(CONNECTIONS_REFUSED);
        group.gauge(CONNECTIONS_OPEN, openConnections::get);
        bytesReceived = counter(BYTES_RECEIVED);
        linesReceived = counter(LINES_RECEIVED);
        samplesReceived = counter(SAMPLES_RECEIVED);
        samplesTooFarInFuture = counter(SAMPLES_TOO_FAR_IN_FUTURE);
        linesRejected = counter(LINES_REJECTED);
        valuesSkipped = counter(VALUES_SKIPPED);
        httpRequests = counter(HTTP_REQUESTS);
        handlerErrors = counter(HANDLER_ERRORS);
        readTimeouts = counter(HTTP_READ_TIMEOUTS);
        group.gauge(HTTP_REQUESTS_HELD, heldRequests::get);
        group.gauge(SAMPLES_QUEUED, queuedSamples::getAsInt);
        group.gauge(TCP_SAMPLES_AT_RISK, this::tcpSamplesAtRisk);
    }

    private Counter counter(String name) {
        return group.counter(name, new ThreadSafeSimpleCounter());
    }

    /** A counter of {@code name} under the key-value group {@code key=value}. */
    private Counter counter(String key, String value, String name) {
        return group.addGroup(key, value).counter(name, new ThreadSafeSimpleCounter());
    }

    public void connectionOpened() {
        connectionsOpened.inc();
        openConnections.incrementAndGet();
    }

    public void connectionClosed() {
        openConnections.decrementAndGet();
    }

    public void connectionRefused() {
        connectionsRefused.inc();
    }

    public void bytes(long n) {
        bytesReceived.inc(n);
    }

    public void lines(long n) {
        linesReceived.inc(n);
    }

    /** Samples accepted into the queue. */
    public void samples(long n, boolean tcp) {
        samplesReceived.inc(n);
        if (tcp) {
            tcpSamplesAccepted.addAndGet(n);
        }
    }

    public void tooFarInFuture() {
        samplesTooFarInFuture.inc();
    }

    public void rejected(String reason) {
        linesRejected.inc();
        rejected.computeIfAbsent(reason, r -> counter(REASON, r, LINES_REJECTED)).inc();
    }

    public void skipped(String reason, long count) {
        valuesSkipped.inc(count);
        skipped.computeIfAbsent(reason, r -> counter(REASON, r, VALUES_SKIPPED)).inc(count);
    }

    public void response(int status) {
        httpRequests.inc();
        responses
                .computeIfAbsent(status, s -> counter(STATUS, Integer.toString(s), HTTP_REQUESTS))
                .inc();
    }

    public void handlerError() {
        handlerErrors.inc();
    }

    public void readTimeout() {
        readTimeouts.inc();
    }

    public void held(int delta) {
        heldRequests.addAndGet(delta);
    }

    /** TCP samples accepted so far, as a checkpoint includes them (task thread, at snapshot). */
    public long tcpSamplesAccepted() {
        return tcpSamplesAccepted.get();
    }

    /** A checkpoint covering this many TCP samples completed. */
    public void tcpCheckpointed(long acceptedAtSnapshot) {
        tcpSamplesCheckpointed = Math.max(tcpSamplesCheckpointed, acceptedAtSnapshot);
    }

    /**
     * TCP samples received but not yet covered by a completed checkpoint: what a crash now would
     * lose (TCP has no acknowledgement, so agents do not resend them).
     */
    public long tcpSamplesAtRisk() {
        return tcpSamplesAccepted.get() - tcpSamplesCheckpointed;
    }

    public long rejectedCount(String reason) {
        Counter c = rejected.get(reason);
        return c == null ? 0 : c.getCount();
    }

    public long responseCount(int status) {
        Counter c = responses.get(status);
        return c == null ? 0 : c.getCount();
    }

    public long connectionsRefusedCount() {
        return connectionsRefused.getCount();
    }

    public long samplesReceived() {
        return samplesReceived.getCount();
    }

    public long samplesTooFarInFutureCount() {
        return samplesTooFarInFuture.getCount();
    }

    public long handlerErrorCount() {
        return handlerErrors.getCount();
    }

    public long readTimeoutCount() {
        return readTimeouts.getCount();
    }

    public int heldRequests() {
        return heldRequests.get();
    }

    public int openConnections() {
        return openConnections.get();
    }
}
