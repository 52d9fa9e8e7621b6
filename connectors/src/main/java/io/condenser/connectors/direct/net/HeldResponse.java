package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP response held until the request's samples are in a completed checkpoint (204), the reader
 * closes (503), or the ack timeout passes (503: the client retries, so the samples may arrive
 * twice, which is at-least-once). Completing only hands the answer to the connection's event loop,
 * so the Flink task thread that completes a checkpoint never writes to a socket.
 */
final class HeldResponse implements Batch.Ack {

    private final HttpExchange exchange;
    private final DirectSourceMetrics metrics;
    private final String retryAfter;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    HeldResponse(HttpExchange exchange, DirectSourceMetrics metrics, String retryAfter) {
        this.exchange = exchange;
        this.metrics = metrics;
        this.retryAfter = retryAfter;
        metrics.held(1);
    }

    void armTimeout(long timeoutMs) {
        try {
            timeout = exchange.schedule(() -> complete(false), timeoutMs);
        } catch (RejectedExecutionException closing) {
            complete(false);
            return;
        }
        if (done.get()) {
            timeout.cancel(false);
        }
    }

    @Override
    public void complete(boolean durable) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        metrics.held(-1);
        ScheduledFuture<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
        exchange.respond(
                durable
                        ? HttpResponse.empty(204)
                        : HttpResponse.retryLater(
                                503,
                                "not acknowledged: no checkpoint completed in time, retry",
                                retryAfter));
    }
}
