package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Sample;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The write endpoints, on a parser thread: decode the body within limits, parse it whole, queue the
 * samples, answer.
 *
 * <ul>
 *   <li>204: all lines taken (on-receive) or in a completed checkpoint (on-checkpoint).
 *   <li>400: nothing usable, or some lines rejected (Influx's "partial write": the good lines are
 *       kept, the client must not retry), with the first reasons in the body.
 *   <li>413: over the limit after gunzip (before: the router answers on the declared length).
 *   <li>503 + Retry-After: the queue is full, never 4xx, because Telegraf's outputs.influxdb drops
 *       a batch on any 4xx (429 included) but retries a 5xx.
 * </ul>
 */
final class WriteHandler {

    private final Listener listener;
    private final DirectSourceConfig config;
    private final String retryAfter;

    WriteHandler(Listener listener, DirectSourceConfig config) {
        this.listener = listener;
        this.config = config;
        this.retryAfter = HttpRouter.retryAfterSeconds(config);
    }

    void handle(HttpExchange ex, String path, Inbox inbox, boolean remoteWrite) {
        DirectSourceMetrics metrics = inbox.metrics();
        SampleParser parser;
        try {
            parser =
                    remoteWrite
                            ? inbox.parsers().remoteWrite()
                            : inbox.parsers().lineProtocol(ex.query().get("precision"));
        } catch (IllegalArgumentException e) {
            ex.respond(HttpResponse.error(400, e.getMessage()));
            return;
        }
        metrics.bytes(ex.bodyLength());
        byte[] body;
        try {
            // remote-write bodies are snappy-compressed; the parser undoes that
            body =
                    HttpBodies.decode(
                            ex.body(),
                            ex.bodyLength(),
                            remoteWrite ? null : ex.headers().get(HttpHeaderNames.CONTENT_ENCODING),
                            config.maxBodyBytes());
        } catch (HttpBodies.TooLarge e) {
            ex.respond(HttpResponse.error(413, e.getMessage()));
            return;
        } catch (IOException e) {
            ex.respond(HttpResponse.error(400, "cannot read body: " + e.getMessage()));
            return;
        }
        String source = "http client " + ex.remote() + " " + path;
        SampleCollector collector = new SampleCollector(inbox, source);
        parser.parse(body, 0, body.length, collector);
        if (!remoteWrite) {
            metrics.lines(countLines(body));
        }
        List<Rejection> rejections = collector.firstRejections();
        int samples = collector.size();
        boolean hold = config.ack() == AckMode.ON_CHECKPOINT && rejections.isEmpty();
        if (samples > 0) {
            HeldResponse held = hold ? new HeldResponse(ex, metrics, retryAfter) : null;
            List<Sample> parsed = collector.drain();
            // an HTTP client's address is its event-time channel: clients open and close
            // connections as they like, so the connection is not the agent
            String channel = "http " + ex.clientHost();
            Inbox taker = offer(inbox, channel, parsed, held);
            if (taker == null) {
                if (held != null) {
                    held.complete(false);
                } else {
                    ex.respond(
                            HttpResponse.retryLater(
                                    503, "overloaded: queue full, retry later", retryAfter));
                }
                return;
            }
            taker.metrics().samples(samples, false);
            if (held != null) {
                held.armTimeout(config.ackTimeout().toMillis());
                return;
            }
        }
        if (rejections.isEmpty()) {
            ex.respond(HttpResponse.empty(204));
        } else {
            String reasons =
                    rejections.stream().map(Rejection::toString).collect(Collectors.joining("; "));
            String prefix =
                    samples > 0
                            ? "partial write: " + collector.rejectedCount() + " lines rejected: "
                            : "unable to parse: ";
            ex.respond(HttpResponse.error(400, prefix + reasons));
        }
    }

    /**
     * Queues the samples with the chosen subtask or, when its queue is full, with another subtask
     * on this TaskManager; null when all are full.
     */
    private Inbox offer(Inbox chosen, String channel, List<Sample> samples, HeldResponse held) {
        if (chosen.queue().offer(batch(chosen, channel, samples, held))) {
            return chosen;
        }
        for (Inbox other : listener.othersThan(chosen)) {
            if (other.queue().offer(batch(other, channel, samples, held))) {
                return other;
            }
        }
        return null;
    }

    private static Batch batch(
            Inbox inbox, String channel, List<Sample> samples, HeldResponse held) {
        return new Batch(inbox.splitId(Protocol.HTTP), channel, samples, false, held, false);
    }

    private static long countLines(byte[] body) {
        long lines = 0;
        for (byte b : body) {
            if (b == '\n') {
                lines++;
            }
        }
        return body.length > 0 && body[body.length - 1] != '\n' ? lines + 1 : lines;
    }
}
