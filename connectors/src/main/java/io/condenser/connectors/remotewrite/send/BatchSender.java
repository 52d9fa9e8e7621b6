package io.condenser.connectors.remotewrite.send;

import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.remotewrite.http.RemoteWriteHttpClient;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.util.RateLimitedLog;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one batch to one endpoint, synchronously: returns once every sample was accepted or
 * permanently refused (and counted). Transient failures are retried per the {@link RetryPolicy};
 * sample-level refusals split the request in halves until each valid sample has landed and each
 * refused one is isolated. Halves are sent in order, so per-series timestamp order holds.
 */
public final class BatchSender {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSender.class);

    /** Sleeping is injectable so the retry schedule can be tested without waiting. */
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    private final RemoteWriteHttpClient client;
    private final RetryPolicy retryPolicy;
    private final boolean dropOnRetriesExhausted;
    private final RemoteWriteMetrics.Endpoint metrics;
    private final Sleeper sleeper;
    private final LongSupplier clock;
    private final Random random = new Random();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG, 10_000);
    private final RateLimitedLog retryLog = new RateLimitedLog(LOG, 10_000);

    public BatchSender(
            RemoteWriteHttpClient client,
            RetryPolicy retryPolicy,
            boolean dropOnRetriesExhausted,
            RemoteWriteMetrics.Endpoint metrics) {
        this(
                client,
                retryPolicy,
                dropOnRetriesExhausted,
                metrics,
                Thread::sleep,
                System::currentTimeMillis);
    }

    BatchSender(
            RemoteWriteHttpClient client,
            RetryPolicy retryPolicy,
            boolean dropOnRetriesExhausted,
            RemoteWriteMetrics.Endpoint metrics,
            Sleeper sleeper,
            LongSupplier clock) {
        this.client = client;
        this.retryPolicy = retryPolicy;
        this.dropOnRetriesExhausted = dropOnRetriesExhausted;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public RemoteWriteMetrics.Endpoint metrics() {
        return metrics;
    }

    public String url() {
        return client.url();
    }

    /**
     * Sends a batch.
     *
     * @throws RetriesExhaustedException when retries ran out and the sink fails rather than drops
     */
    public void send(List<Sample> batch) throws RetriesExhaustedException, InterruptedException {
        Deque<List<Sample>> todo = new ArrayDeque<>();
        todo.push(batch);
        while (!todo.isEmpty()) {
            List<Sample> part = todo.pop();
            if (part.isEmpty()) {
                continue;
            }
            RemoteWriteResponseClassifier.Classification c = sendWithRetries(part);
            switch (c.action()) {
                case SUCCESS -> {}
                case SPLIT -> {
                    if (part.size() == 1) {
                        metrics.dropped(c.reason(), 1);
                        refusedLog.warn(
                                "{} refused {}, dropped ({})",
                                client.url(),
                                part.get(0),
                                c.reason().metricName());
                    } else {
                        int mid = part.size() / 2;
                        // Push the second half first so the first half is sent first.
                        todo.push(part.subList(mid, part.size()));
                        todo.push(part.subList(0, mid));
                    }
                }
                case DROP -> metrics.dropped(c.reason(), part.size());
                default -> throw new IllegalStateException("unexpected " + c);
            }
        }
    }

    private RemoteWriteResponseClassifier.Classification sendWithRetries(List<Sample> part)
            throws RetriesExhaustedException, InterruptedException {
        byte[] body = RemoteWriteRequestEncoder.encode(part);
        long firstFailure = -1;
        int retry = 0;
        while (true) {
            long start = System.nanoTime();
            RemoteWriteResponseClassifier.Classification c;
            long retryAfterMs = -1;
            String failure;
            try {
                RemoteWriteHttpClient.Response r = client.post(body);
                metrics.request(r.status(), (System.nanoTime() - start) / 1_000_000);
                c = RemoteWriteResponseClassifier.classify(r.status(), r.body());
                retryAfterMs = r.status() == 429 || r.status() == 503 ? r.retryAfterMs() : -1;
                failure = r.status() + " " + r.body();
                if (c.action() == ResponseAction.DROP) {
                    refusedLog.warn(
                            "{} refused {} samples, dropped: {} {}",
                            client.url(),
                            part.size(),
                            r.status(),
                            r.body());
                }
            } catch (IOException e) {
                metrics.request(0, (System.nanoTime() - start) / 1_000_000);
                c = new RemoteWriteResponseClassifier.Classification(ResponseAction.RETRY, null);
                failure = e.toString();
            }
            if (c.action() == ResponseAction.SUCCESS) {
                metrics.sent(part.size(), body.length);
                return c;
            }
            if (c.action() != ResponseAction.RETRY) {
                return c;
            }
            long now = clock.getAsLong();
            if (firstFailure < 0) {
                firstFailure = now;
            }
            if (!retryPolicy.mayRetry(firstFailure, now)) {
                if (dropOnRetriesExhausted) {
                    return new RemoteWriteResponseClassifier.Classification(
                            ResponseAction.DROP, DropReason.RETRIES_EXHAUSTED);
                }
                throw new RetriesExhaustedException(
                        client.url()
                                + " still failing after "
                                + retry
                                + " retries over "
                                + (now - firstFailure)
                                + " ms: "
                                + failure);
            }
            retry++;
            metrics.retry();
            retryLog.warn("{} failed ({}), retry {}", client.url(), failure, retry);
            sleeper.sleep(retryPolicy.delayMs(retry, retryAfterMs, random));
        }
    }

    /** Retries ran out: the job fails and restores from its last checkpoint. */
    public static final class RetriesExhaustedException extends IOException {
        private static final long serialVersionUID = 1L;

        public RetriesExhaustedException(String message) {
            super(message);
        }
    }
}
