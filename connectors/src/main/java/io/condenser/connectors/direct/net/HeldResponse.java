package io.condenser.connectors.direct.net;

import com.sun.net.httpserver.HttpExchange;
import io.condenser.connectors.direct.reader.Batch;
import io.condenser.connectors.direct.reader.DirectSourceMetrics;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An HTTP response held until the request's samples are in a completed checkpoint (204), the reader
 * closes (503), or the ack timeout passes (503: the client retries, so the samples may arrive
 * twice, which is at-least-once). The response is sent on an HTTP worker thread, never on the Flink
 * task thread that completes the checkpoint.
 */
final class HeldResponse implements Batch.Ack {

    private final HttpExchange exchange;
    private final DirectSourceMetrics metrics;
    private final Executor workers;
    private final String retryAfter;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    HeldResponse(
            HttpExchange exchange,
            DirectSourceMetrics metrics,
            Executor workers,
            String retryAfter) {
        this.exchange = exchange;
        this.metrics = metrics;
        this.workers = workers;
        this.retryAfter = retryAfter;
        metrics.held(1);
    }

    void armTimeout(ScheduledExecutorService timer, long timeoutMs) {
        try {
            timeout = timer.schedule(() -> complete(false), timeoutMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            complete(false);
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
        Runnable respond =
                () -> {
                    if (durable) {
                        HttpResponses.empty(exchange, 204, metrics);
                    } else {
                        exchange.getResponseHeaders().set("Retry-After", retryAfter);
                        HttpResponses.error(
                                exchange,
                                503,
                                "not acknowledged: no checkpoint completed in time, retry",
                                metrics);
                    }
                };
        try {
            workers.execute(respond);
        } catch (RejectedExecutionException e) {
            exchange.close();
        }
    }
}
