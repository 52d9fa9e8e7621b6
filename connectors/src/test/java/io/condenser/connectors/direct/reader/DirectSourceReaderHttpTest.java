package io.condenser.connectors.direct.reader;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.direct.DirectClients;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's HTTP listener: Influx write API and its answers, Telegraf's handshake, auth, a full
 * queue, and responses held until a checkpoint ({@code ack: on-checkpoint}).
 */
@Timeout(60)
class DirectSourceReaderHttpTest extends DirectSourceReaderTestBase {

    @Test
    void influxWriteAnswers204AndHonoursPrecisionAndGzip() throws Exception {
        start(b -> b);
        HttpResponse<String> r =
                DirectClients.post(httpPort, "/write?db=telegraf&precision=s", "a 1 5\nb 2 6\n");
        assertThat(r.statusCode()).isEqualTo(204);
        r =
                DirectClients.post(
                        httpPort,
                        "/api/v2/write?org=o&bucket=b",
                        DirectClients.gzip(line("c", 3, 7000)),
                        Map.of("Content-Encoding", "gzip"));
        assertThat(r.statusCode()).isEqualTo(204);
        pollUntil(3);
        assertThat(output.emitted)
                .extracting(e -> e.sample().name() + "@" + e.timestamp() + "/" + e.splitId())
                // an HTTP client's channel is its address
                .containsExactly(
                        "a@5000/http 127.0.0.1", "b@6000/http 127.0.0.1", "c@7000/http 127.0.0.1");
    }

    @Test
    void influxJavaClientWithGzip() throws Exception {
        start(b -> b);
        org.influxdb.InfluxDB influx =
                org.influxdb.InfluxDBFactory.connect("http://127.0.0.1:" + httpPort);
        influx.enableGzip();
        org.influxdb.dto.BatchPoints.Builder batch =
                org.influxdb.dto.BatchPoints.database("telegraf");
        for (int i = 0; i < 10; i++) {
            batch.point(
                    org.influxdb.dto.Point.measurement("cpu")
                            .tag("host", "h1")
                            .addField("usage", i)
                            .time(1_000_000L + i, TimeUnit.MILLISECONDS)
                            .build());
        }
        influx.write(batch.build());
        influx.close();
        pollUntil(10);
        assertThat(output.emitted.get(3).sample().toString())
                .isEqualTo("cpu_usage{host=\"h1\"} 3 1000003");
    }

    @Test
    void badRequestsGetClearAnswers() throws Exception {
        start(b -> b.maxBodyBytes(2048));
        HttpResponse<String> r = DirectClients.post(httpPort, "/write", "garbage\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("unable to parse").contains("bad_line");

        r = DirectClients.post(httpPort, "/write", "ok 1 1\nnot a line at all\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("partial write: 1 lines rejected");

        r = DirectClients.post(httpPort, "/write?precision=fortnight", "a 1 1\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("fortnight");

        r = DirectClients.post(httpPort, "/write", "a 1 1\n".repeat(1000));
        assertThat(r.statusCode()).isEqualTo(413);

        r =
                DirectClients.post(
                        httpPort,
                        "/write",
                        "not gzip".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Encoding", "gzip"));
        assertThat(r.statusCode()).isEqualTo(400);

        r =
                DirectClients.post(
                        httpPort,
                        "/write",
                        "a 1 1\n".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Encoding", "br"));
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.headers().firstValue("Accept-Encoding")).hasValue("gzip, identity");

        assertThat(DirectClients.get(httpPort, "/write").statusCode()).isEqualTo(405);
        assertThat(DirectClients.get(httpPort, "/nope").statusCode()).isEqualTo(404);
        pollUntil(1); // the good line of the partial write is kept, as Influx does
        assertThat(reader.metrics().responseCount(400)).isEqualTo(4);
        assertThat(reader.metrics().responseCount(415)).isEqualTo(1);
    }

    @Test
    void telegrafHandshakeAndHealthEndpoints() throws Exception {
        start(b -> b);
        HttpResponse<String> r =
                DirectClients.post(httpPort, "/query?q=CREATE+DATABASE+%22telegraf%22", "");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"results\"");
        r =
                DirectClients.post(
                        httpPort,
                        "/query",
                        "q=CREATE%20DATABASE%20%22x%22".getBytes(StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(DirectClients.post(httpPort, "/query?q=SELECT+1", "").statusCode())
                .isEqualTo(400);
        assertThat(DirectClients.get(httpPort, "/-/healthy").statusCode()).isEqualTo(200);
        assertThat(DirectClients.get(httpPort, "/-/ready").statusCode()).isEqualTo(200);
        assertThat(DirectClients.get(httpPort, "/ping").statusCode()).isEqualTo(204);
    }

    @Test
    void fullQueueAnswers503WithRetryAfterNever4xx() throws Exception {
        start(b -> b.queueCapacity(3));
        assertThat(DirectClients.post(httpPort, "/write", "a 1 1\nb 1 1\nc 1 1\n").statusCode())
                .isEqualTo(204);
        HttpResponse<String> r = DirectClients.post(httpPort, "/write", "d 1 1\n");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        pollUntil(3);
        assertThat(DirectClients.post(httpPort, "/write", "d 1 1\n").statusCode()).isEqualTo(204);
    }

    @Test
    void samplesTooFarInTheFutureAreDroppedAndCounted() throws Exception {
        start(b -> b.maxFuture(Duration.ofMinutes(10)));
        long now = System.currentTimeMillis();
        HttpResponse<String> r =
                DirectClients.post(
                        httpPort,
                        "/write",
                        line("ok", 1, now)
                                + line("skewed", 1, now + Duration.ofHours(1).toMillis()));
        assertThat(r.statusCode()).isEqualTo(204);
        pollUntil(1);
        assertThat(output.emitted.get(0).sample().name()).isEqualTo("ok");
        assertThat(reader.metrics().samplesTooFarInFutureCount()).isEqualTo(1);
    }

    @Test
    void bearerTokenAndBasicAuth(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        Path password = Files.writeString(dir.resolve("password"), "pw\n");
        start(b -> b.bearerTokenFile(token.toString()));
        HttpResponse<String> missing = DirectClients.post(httpPort, "/write", "a 1 1\n");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(
                        DirectClients.post(
                                        httpPort,
                                        "/write",
                                        "a 1 1\n".getBytes(StandardCharsets.UTF_8),
                                        Map.of("Authorization", "Bearer wrong"))
                                .statusCode())
                .isEqualTo(401);
        assertThat(
                        DirectClients.post(
                                        httpPort,
                                        "/api/v2/write",
                                        "a 1 1\n".getBytes(StandardCharsets.UTF_8),
                                        Map.of("Authorization", "Token s3cret"))
                                .statusCode())
                .isEqualTo(204);
        assertThat(DirectClients.get(httpPort, "/-/healthy").statusCode()).isEqualTo(200);
        reader.close();
        reader = null;

        start(b -> b.basicAuth("telegraf", password.toString()));
        String basic =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("telegraf:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(
                        DirectClients.post(
                                        httpPort,
                                        "/write",
                                        "a 1 1\n".getBytes(StandardCharsets.UTF_8),
                                        Map.of("Authorization", basic))
                                .statusCode())
                .isEqualTo(204);
        assertThat(DirectClients.post(httpPort, "/write?u=telegraf&p=pw", "a 1 1\n").statusCode())
                .isEqualTo(204);
        assertThat(DirectClients.post(httpPort, "/write?u=telegraf&p=no", "a 1 1\n").statusCode())
                .isEqualTo(401);
    }

    @Test
    void onCheckpointHoldsTheResponseUntilTheCheckpointCompletes() throws Exception {
        start(b -> b.ack(AckMode.ON_CHECKPOINT));
        CompletableFuture<HttpResponse<String>> response =
                CompletableFuture.supplyAsync(() -> postQuietly("/write", "a 1 1\n"));
        pollUntil(1);
        reader.snapshotState(1);
        awaitHeld(1);
        assertThat(response).isNotDone();
        reader.notifyCheckpointComplete(1);
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        assertThat(reader.metrics().heldRequests()).isZero();

        // emitted after the barrier of checkpoint 2: only checkpoint 3 covers it
        CompletableFuture<HttpResponse<String>> later =
                CompletableFuture.supplyAsync(() -> postQuietly("/write", "b 1 1\n"));
        reader.snapshotState(2);
        pollUntil(2);
        reader.notifyCheckpointComplete(2);
        awaitHeld(1);
        assertThat(later).isNotDone();
        reader.snapshotState(3);
        reader.notifyCheckpointComplete(3);
        assertThat(later.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
    }

    @Test
    void heldResponsesAre503WhenTheReaderClosesOrTheAckTimesOut() throws Exception {
        start(b -> b.ack(AckMode.ON_CHECKPOINT).ackTimeout(Duration.ofMillis(300)));
        HttpResponse<String> timedOut = postQuietly("/write", "a 1 1\n");
        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(timedOut.headers().firstValue("Retry-After")).isPresent();
        reader.close();
        reader = null;

        start(b -> b.ack(AckMode.ON_CHECKPOINT));
        CompletableFuture<HttpResponse<String>> response =
                CompletableFuture.supplyAsync(() -> postQuietly("/write", "a 1 1\n"));
        pollUntil(1);
        awaitHeld(1);
        reader.close();
        reader = null;
        assertThat(response.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(503);
    }

    private void awaitHeld(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (reader.metrics().heldRequests() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(reader.metrics().heldRequests()).isEqualTo(n);
    }

    private HttpResponse<String> postQuietly(String path, String body) {
        try {
            return DirectClients.post(httpPort, path, body);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
