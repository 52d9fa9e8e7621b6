package io.condenser.connectors.direct.reader;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectClients.SocketWriter;
import io.condenser.connectors.direct.SimpleTestParsers;
import io.condenser.connectors.direct.reader.TestReaderContext.Emitted;
import io.condenser.connectors.testing.ExternalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reader's TCP line-protocol listener: framing, gzip, limits, connections, back-pressure. */
@Timeout(60)
class DirectSourceReaderTcpTest extends DirectSourceReaderTestBase {

    @Test
    void tcpLinesSplitAcrossWritesArriveOnTheirConnectionsChannel() throws Exception {
        start(b -> b);
        try (SocketWriter w = new SocketWriter(tcpPort, false)) {
            w.write("a 1 1000\nb 2 20");
            w.write("00\n");
            w.write("c 3 3000\n");
        }
        pollUntil(3);
        // one event-time channel per connection: "<protocol> <client address:port>"
        assertThat(output.emitted)
                .extracting(e -> e.sample().name() + "@" + e.timestamp())
                .containsExactly("a@1000", "b@2000", "c@3000");
        assertThat(output.emitted)
                .extracting(Emitted::splitId)
                .allSatisfy(c -> assertThat(c).startsWith("tcp-line-protocol /127.0.0.1:"))
                .containsOnly(output.emitted.get(0).splitId());
    }

    @Test
    void tcpGzipMemberPerMetricLikeSocketWriter() throws Exception {
        start(b -> b);
        try (SocketWriter w = new SocketWriter(tcpPort, true)) {
            for (int i = 0; i < 20; i++) {
                w.write(line("m" + i, i, 1000L + i));
                if (i % 5 == 0) {
                    Thread.sleep(20); // a member boundary with nothing else buffered
                }
            }
            pollUntil(20);
        }
        assertThat(output.emitted.get(19).sample().name()).isEqualTo("m19");
    }

    @Test
    void tooLongLineIsSkippedAndCountedTheRestArrives() throws Exception {
        start(b -> b.maxLineLength(100));
        try (SocketWriter w = new SocketWriter(tcpPort, false)) {
            w.write(line("before", 1, 1));
            w.write("x".repeat(500) + " 1 1\n");
            w.write(line("after", 2, 2));
        }
        pollUntil(2);
        assertThat(output.emitted)
                .extracting(e -> e.sample().name())
                .containsExactly("before", "after");
        assertThat(reader.metrics().rejectedCount("line_too_long")).isEqualTo(1);
    }

    @Test
    void connectionsOverTheLimitAreRefusedAndIdleOnesClosed() throws Exception {
        start(b -> b.maxConnections(1).idleTimeout(Duration.ofMillis(500)));
        try (SocketWriter first = new SocketWriter(tcpPort, false)) {
            first.write(line("first", 1, 1));
            pollUntil(1);
            try (Socket second = new Socket("127.0.0.1", tcpPort)) {
                second.setSoTimeout(10_000);
                // refused: closed by the server without reading
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(reader.metrics().connectionsRefusedCount()).isEqualTo(1);
            // the first one is closed once idle for 500 ms
            Socket raw = firstSocket(first);
            raw.setSoTimeout(10_000);
            assertThat(raw.getInputStream().read()).isEqualTo(-1);
        }
        try (SocketWriter third = new SocketWriter(tcpPort, false)) {
            third.write(line("third", 1, 1));
            pollUntil(2);
        }
    }

    /**
     * An agent retrying its connect while the job starts (Telegraf does, every flush) is accepted
     * the moment the port opens; that connection is served, not closed before any reader has
     * joined. Several starts, each with an agent connecting as fast as it can, so the moment
     * between the port opening and the reader joining is hit.
     */
    @Test
    void anAgentConnectingWhileTheSourceStartsIsServedOnThatConnection() throws Exception {
        for (int i = 0; i < 20; i++) {
            int port = ExternalServer.freePort();
            CompletableFuture<Socket> agent =
                    CompletableFuture.supplyAsync(() -> connectRetrying(port));
            Thread.sleep(20); // the agent is already retrying
            startOn(port, b -> b, new SimpleTestParsers());
            try (Socket s = agent.get(20, TimeUnit.SECONDS)) {
                Thread.sleep(50); // and says nothing at first
                s.getOutputStream()
                        .write(line("m" + i, i, 1000L + i).getBytes(StandardCharsets.UTF_8));
                pollUntil(i + 1);
            }
            reader.close();
            reader = null;
        }
        assertThat(output.emitted).extracting(e -> e.sample().name()).endsWith("m19");
    }

    private static Socket connectRetrying(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                return s;
            } catch (IOException refused) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // a socket that never connected
                }
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException(refused);
                }
            }
        }
    }

    private static Socket firstSocket(SocketWriter w) {
        return w.socket();
    }

    @Test
    void tcpBackpressureStopsReadingAndTheQueueStaysBounded() throws Exception {
        start(b -> b.queueCapacity(100));
        int lines = 50_000;
        CompletableFuture<Void> writer =
                CompletableFuture.runAsync(
                        () -> {
                            try (SocketWriter w = new SocketWriter(tcpPort, false)) {
                                StringBuilder sb = new StringBuilder();
                                for (int i = 0; i < lines; i++) {
                                    sb.append(line("m", i, i));
                                }
                                w.write(sb.toString());
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int maxQueued = 0;
        while (output.emitted.size() < lines && System.nanoTime() < deadline) {
            maxQueued = Math.max(maxQueued, queuedSamples());
            if (reader.isAvailable().isDone()) {
                reader.pollNext(output);
            } else {
                Thread.sleep(1);
            }
        }
        writer.get(20, TimeUnit.SECONDS);
        assertThat(output.emitted).hasSize(lines);
        // one chunk (64 KiB, ~4000 lines) may exceed the bound when it is the only batch queued
        assertThat(maxQueued).isLessThanOrEqualTo(100 + 64 * 1024 / 10);
    }

    private int queuedSamples() {
        return reader.metrics() == null ? 0 : (int) reader.queuedSamplesForTest();
    }
}
