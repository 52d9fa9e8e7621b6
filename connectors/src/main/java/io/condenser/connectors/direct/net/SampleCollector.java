package io.condenser.connectors.direct.net;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what a parser produces for one chunk or request: samples (minus those stamped too far in
 * the future, dropped and counted so one agent with a skewed clock cannot move the watermark for
 * everybody), rejections counted by reason and logged at a rate limit, and the first few rejections
 * kept for an HTTP 400 body.
 */
final class SampleCollector implements ParseListener {

    static final int KEPT_REJECTIONS = 5;

    private final Inbox inbox;
    private final String source;
    private final long maxFutureMs;
    private long maxTimestampMs;
    private List<Sample> samples = new ArrayList<>();
    private final List<Rejection> firstRejections = new ArrayList<>(KEPT_REJECTIONS);
    private long rejected;

    SampleCollector(Inbox inbox, String source) {
        this.inbox = inbox;
        this.source = source;
        this.maxFutureMs = inbox.config().maxFuture().toMillis();
        refreshClock();
    }

    /** Re-reads the clock; call once per chunk or request rather than per sample. */
    void refreshClock() {
        maxTimestampMs = System.currentTimeMillis() + maxFutureMs;
    }

    @Override
    public void onSample(Sample sample) {
        if (sample.timestampMs() > maxTimestampMs) {
            inbox.metrics().tooFarInFuture();
            inbox.log()
                    .warn(
                            "direct source: dropped a sample more than "
                                    + inbox.config().maxFuture()
                                    + " in the future from "
                                    + source
                                    + ": "
                                    + sample);
            return;
        }
        samples.add(sample);
    }

    @Override
    public void onRejected(Rejection rejection) {
        rejected++;
        if (firstRejections.size() < KEPT_REJECTIONS) {
            firstRejections.add(rejection);
        }
        inbox.metrics().rejected(rejection.reason());
        inbox.log().warn("direct source: rejected input from " + source + ": " + rejection);
    }

    @Override
    public void onSkipped(String reason, long count) {
        inbox.metrics().skipped(reason, count);
    }

    int size() {
        return samples.size();
    }

    /** Hands over the samples collected so far and starts a new list. */
    List<Sample> drain() {
        List<Sample> out = samples;
        samples = new ArrayList<>();
        return out;
    }

    long rejectedCount() {
        return rejected;
    }

    List<Rejection> firstRejections() {
        return firstRejections;
    }
}
