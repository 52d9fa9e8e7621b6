package io.condenser.connectors.direct.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.DirectClients;
import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.RawHttp;
import io.condenser.connectors.direct.SimpleTestParsers;
import io.condenser.connectors.direct.net.ListenerBindException;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.testing.ExternalServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Clients that misbehave, over bare sockets: stalled headers and bodies, bodies over the limit sent
 * anyway, too many connections, a parser that throws an Error, a port in use. None may hold a good
 * client back, and each gets an answer (not a reset) where HTTP has one.
 */
@Timeout(120)
class DirectSourceReaderHttpLimitsTest extends DirectSourceReaderTestBase {

    @Test
    void twentyHalfOpenRequestsBesideAGoodOneDoNotDelayIt() throws Exception {
        // clocks far longer than the test: the good request must not wait for them to fire,
        // and one parser thread must be enough
        start(
                b ->
                        b.readHeaderTimeout(Duration.ofMinutes(5))
                                .readBodyTimeout(Duration.ofMinutes(5))
                                .httpThreads(1));
        List<RawHttp> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                // headers cut off mid-line
                stalled.add(new RawHttp(httpPort).send("POST /write HTTP/1.1\r\nHost: x\r\nCont"));
                // complete headers, a tenth of the body
                stalled.add(
                        new RawHttp(httpPort).send(RawHttp.post("/write", "", 1000) + "a 1 1\n"));
            }
            long start = System.nanoTime();
            HttpResponse<String> good = DirectClients.post(httpPort, "/write", "good 1 1\n");
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.println("good request beside 20 half-open ones answered in " + ms + " ms");
            assertThat(good.statusCode()).isEqualTo(204);
            assertThat(ms).isLessThan(20_000); // a generous bound: it must not wait for a clock
            pollUntil(1);
        } finally {
            for (RawHttp s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void keptAliveAndPipelinedRequestsAreAnsweredInOrder() throws Exception {
        start(b -> b);
        try (RawHttp c = new RawHttp(httpPort)) {
            c.send(RawHttp.post("/write", "", 6) + "a 1 1\n");
            RawHttp.Response first = c.read();
            assertThat(first.status()).isEqualTo(204);
            assertThat(first.header("Content-Length")).isNull();
            // two at once: the second waits in the socket until the first is answered
            c.send(
                    RawHttp.post("/write", "", 6)
                            + "b 1 1\n"
                            + "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                            + RawHttp.post("/write", "", 6)
                            + "c 1 1\n");
            assertThat(c.read().status()).isEqualTo(204);
            assertThat(c.read().status()).isEqualTo(404);
            assertThat(c.read().status()).isEqualTo(204);
        }
        pollUntil(3);
    }

    @Test
    void stalledHeadersAndBodiesAreAnswered408AndClosed() throws Exception {
        start(
                b ->
                        b.readHeaderTimeout(Duration.ofMillis(300))
                                .readBodyTimeout(Duration.ofMillis(300)));
        try (RawHttp headers = new RawHttp(httpPort);
                RawHttp body = new RawHttp(httpPort)) {
            headers.send("POST /write HTTP/1.1\r\nHost: x\r\n");
            body.send(RawHttp.post("/write", "", 100) + "a 1 1\n");
            assertThat(headers.read().status()).isEqualTo(408);
            assertThat(headers.closedByServer()).isTrue();
            RawHttp.Response r = body.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.body()).contains("body");
            assertThat(body.closedByServer()).isTrue();
        }
        assertThat(reader.metrics().readTimeoutCount()).isEqualTo(2);
        assertThat(DirectClients.post(httpPort, "/write", "a 1 1\n").statusCode()).isEqualTo(204);
    }

    @Test
    void aBodyOverTheLimitIsAnswered413NotReset() throws Exception {
        start(b -> b.maxBodyBytes(2048));
        byte[] big = "a 1 1\n".repeat(20_000).getBytes();
        // declared too large, sent anyway without waiting (no Expect): drained, then answered
        try (RawHttp c = new RawHttp(httpPort)) {
            c.send(RawHttp.post("/write", "", big.length)).send(big);
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.body()).contains("over the limit of 2048");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        }
        // Expect: 100-continue (curl does this for large bodies): 413 instead of 100
        try (RawHttp c = new RawHttp(httpPort)) {
            c.send(RawHttp.post("/write", "Expect: 100-continue\r\n", big.length));
            assertThat(c.read().status()).isEqualTo(413);
        }
        // chunked, no length: cut at the limit
        try (RawHttp c = new RawHttp(httpPort)) {
            c.send(
                    "POST /write HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(big.length)
                            + "\r\n");
            c.send(big).send("\r\n0\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(413);
        }
        assertThat(reader.metrics().responseCount(413)).isEqualTo(3);
    }

    @Test
    void connectionsOverTheLimitAreAnswered503WithRetryAfter() throws Exception {
        start(b -> b.maxConnections(2));
        try (RawHttp a = new RawHttp(httpPort);
                RawHttp b = new RawHttp(httpPort)) {
            // both counted before the third connects
            a.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a.read().status()).isEqualTo(204);
            b.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(b.read().status()).isEqualTo(204);
            try (RawHttp third = new RawHttp(httpPort)) {
                third.send(RawHttp.post("/write", "", 6) + "a 1 1\n");
                RawHttp.Response r = third.read();
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isEqualTo("1");
                assertThat(r.body()).contains("too many connections");
            }
        }
        assertThat(reader.metrics().connectionsRefusedCount()).isEqualTo(1);
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (reader.metrics().openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(DirectClients.post(httpPort, "/write", "a 1 1\n").statusCode()).isEqualTo(204);
    }

    @Test
    void anErrorInAHandlerIsAnswered500AndCounted() throws Exception {
        // what 0.2 did with a NoSuchMethodError from a diverged commons-io: no answer at all
        start(
                b -> b,
                new DirectParsers() {
                    @Override
                    public SampleParser lineProtocol(String precision) {
                        return (input, offset, length, listener) -> {
                            throw new NoSuchMethodError("simulated");
                        };
                    }

                    @Override
                    public SampleParser graphite() {
                        return lineProtocol(null);
                    }

                    @Override
                    public SampleParser remoteWrite() {
                        return lineProtocol(null);
                    }
                });
        HttpResponse<String> r = DirectClients.post(httpPort, "/write", "a 1 1\n");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("NoSuchMethodError");
        assertThat(reader.metrics().handlerErrorCount()).isEqualTo(1);
        assertThat(DirectClients.get(httpPort, "/ping").statusCode()).isEqualTo(204);

        // TCP has no answer to give: the connection is closed, and the error counted
        try (DirectClients.SocketWriter w = new DirectClients.SocketWriter(tcpPort, false)) {
            w.socket().setSoTimeout(20_000);
            w.write("a 1 1\n");
            assertThat(w.socket().getInputStream().read()).isEqualTo(-1);
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (reader.metrics().handlerErrorCount() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reader.metrics().handlerErrorCount()).isEqualTo(2);
    }

    @Test
    void aPortInUseFailsWithOneLineAndForGood() throws Exception {
        int port = ExternalServer.freePort();
        try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            for (Protocol p : new Protocol[] {Protocol.HTTP, Protocol.TCP_LINE_PROTOCOL}) {
                DirectSourceConfig config =
                        DirectSourceConfig.builder()
                                .bindAddress("127.0.0.1")
                                .port(p, port)
                                .disable(
                                        p == Protocol.HTTP
                                                ? Protocol.TCP_LINE_PROTOCOL
                                                : Protocol.HTTP)
                                .disable(Protocol.TCP_GRAPHITE)
                                .build();
                DirectSourceReader r =
                        new DirectSourceReader(
                                new TestReaderContext(0), config, new SimpleTestParsers());
                try {
                    String name = p == Protocol.HTTP ? "HTTP" : "line protocol";
                    assertThatThrownBy(() -> r.addSplits(TestReaderContext.splits(0, p)))
                            .isInstanceOf(ListenerBindException.class)
                            .hasMessage("port " + port + " on 127.0.0.1 (" + name + ") is in use")
                            .satisfies(
                                    e ->
                                            assertThat(ThrowableClassifier.getThrowableType(e))
                                                    .isEqualTo(ThrowableType.NonRecoverableError));
                } finally {
                    r.close();
                }
            }
        }
    }
}
