package io.condenser.connectors.loadgen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Influx v1 {@code POST /write} ({@code outputs.influxdb}): a batch is done on a 2xx; a 5xx, a 429,
 * a timeout or a broken connection leave it unacknowledged and it is sent again, as Telegraf keeps
 * an unwritten batch in its buffer; any other 4xx is final (Telegraf drops such a batch). So with a
 * receiver that acknowledges only durable data ({@code ack: on-checkpoint}) nothing is lost, and a
 * batch whose acknowledgement was lost may arrive twice.
 */
final class HttpBatchSender implements BatchSender {

    /** Above the direct source's 30 s ack timeout, which answers a held request 503 itself. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    private final URI target;
    private final boolean gzip;
    private final Map<Integer, AtomicLong> statuses;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private long retries;

    HttpBatchSender(URI target, boolean gzip, Map<Integer, AtomicLong> statuses) {
        this.target = target;
        this.gzip = gzip;
        this.statuses = statuses;
    }

    @Override
    public long send(byte[] body, long giveUpNanos) throws InterruptedException {
        long backoff = 0;
        while (true) {
            int status;
            try {
                HttpRequest.Builder req =
                        HttpRequest.newBuilder(target)
                                .timeout(REQUEST_TIMEOUT)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                if (gzip) {
                    req.header("Content-Encoding", "gzip");
                }
                status =
                        http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                status = -1; // no answer: connection refused or reset, timeout
            }
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            boolean retry = status < 0 || status >= 500 || status == 429;
            if (!retry) {
                return System.currentTimeMillis();
            }
            if (System.nanoTime() > giveUpNanos) {
                return -1;
            }
            retries++;
            backoff = BatchSender.backoff(backoff);
            Thread.sleep(backoff);
        }
    }

    @Override
    public long retries() {
        return retries;
    }

    @Override
    public void close() {
        // HttpClient holds no resources worth releasing before Java 21
    }
}
