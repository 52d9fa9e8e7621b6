package io.condenser.connectors.direct.reader;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The source's metrics, under the reader's metric group in group {@code direct}. Updated from
 * network threads, hence thread-safe counters. Labelled counters ({@code reason}, {@code status})
 * are created on first use.
 */
public final class DirectSourceMetrics {

    private final MetricGroup group;
    private final Counter connectionsOpened;
    private final Counter connectionsRefused;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Counter bytesReceived;
    private final Counter linesReceived;
    private final Counter samplesReceived;
    private final Counter samplesTooFarInFuture;
    private final AtomicInteger heldRequests = new AtomicInteger();
    private final AtomicLong tcpSamplesAccepted = new AtomicLong();
    private volatile long tcpSamplesCheckpointed;
    private final ConcurrentHashMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> skipped = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Counter> responses = new ConcurrentHashMap<>();

    public DirectSourceMetrics(MetricGroup parent, SampleQueue queue) {
        this.group = parent.addGroup("direct");
        connectionsOpened = group.counter("connectionsOpened", new ThreadSafeSimpleCounter());
        connectionsRefused = group.counter("connectionsRefused", new ThreadSafeSimpleCounter());
        group.gauge("openConnections", openConnections::get);
        bytesReceived = group.counter("bytesReceived", new ThreadSafeSimpleCounter());
        linesReceived = group.counter("linesReceived", new ThreadSafeSimpleCounter());
        samplesReceived = group.counter("samplesReceived", new ThreadSafeSimpleCounter());
        samplesTooFarInFuture =
                group.counter("samplesTooFarInFuture", new ThreadSafeSimpleCounter());
        group.gauge("heldRequests", heldRequests::get);
        group.gauge("queuedSamples", queue::sizeSamples);
        group.gauge("tcpSamplesAtRisk", this::tcpSamplesAtRisk);
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
        rejected.computeIfAbsent(
                        reason,
                        r ->
                                group.addGroup("reason", r)
                                        .counter("rejectedLines", new ThreadSafeSimpleCounter()))
                .inc();
    }

    public void skipped(String reason, long count) {
        skipped.computeIfAbsent(
                        reason,
                        r ->
                                group.addGroup("reason", r)
                                        .counter("skippedValues", new ThreadSafeSimpleCounter()))
                .inc(count);
    }

    public void response(int status) {
        responses
                .computeIfAbsent(
                        status,
                        s ->
                                group.addGroup("status", Integer.toString(s))
                                        .counter("httpResponses", new ThreadSafeSimpleCounter()))
                .inc();
    }

    public void held(int delta) {
        heldRequests.addAndGet(delta);
    }

    /** TCP samples accepted so far, as a checkpoint includes them (task thread, at snapshot). */
    long tcpSamplesAccepted() {
        return tcpSamplesAccepted.get();
    }

    /** A checkpoint covering this many TCP samples completed. */
    void tcpCheckpointed(long acceptedAtSnapshot) {
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

    public int heldRequests() {
        return heldRequests.get();
    }
}
