package io.condenser.connectors.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch log is enough to rebuild every byte sent, and the generator retries what was not
 * acknowledged as Telegraf does: HTTP 5xx until a 2xx, TCP on a new connection.
 */
@Timeout(60)
class LoadGeneratorReplayTest {

    @TempDir Path dir;

    static LineProtocolLoadGenerator.Options options(URI target, long maxLines, Path log) {
        return new LineProtocolLoadGenerator.Options(
                        target,
                        1,
                        0,
                        Duration.ofSeconds(20),
                        10,
                        3,
                        false,
                        maxLines,
                        LineProtocolLoadGenerator.Mix.TELEGRAF)
                .withBatchLog(log);
    }

    @Test
    void aBatchIsAFunctionOfWorkerNumberAndTime() {
        LineProtocolLoadGenerator.Options o = options(URI.create("tcp://127.0.0.1:1"), 0, null);
        byte[] a = new LoadGeneratorBatches(0, o).batch(7, 1_700_000_000_123L);
        LoadGeneratorBatches again = new LoadGeneratorBatches(0, o);
        again.batch(0, 1);
        assertThat(again.batch(7, 1_700_000_000_123L)).isEqualTo(a);
        assertThat(new LoadGeneratorBatches(1, o).batch(7, 1_700_000_000_123L)).isNotEqualTo(a);
        assertThat(new String(a)).contains(" 1700000000123");
    }

    @Test
    void theLogRebuildsExactlyWhatATcpReceiverGot() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Thread reader =
                    new Thread(
                            () -> {
                                try (Socket s = server.accept();
                                        InputStream in = s.getInputStream()) {
                                    in.transferTo(received);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            reader.start();
            Path log = dir.resolve("batches.log");
            LineProtocolLoadGenerator.Options o =
                    options(URI.create("tcp://127.0.0.1:" + server.getLocalPort()), 200, log);
            LineProtocolLoadGenerator.Result r = new LineProtocolLoadGenerator(o).run();
            reader.join(10_000);
            List<BatchLog.Entry> entries = BatchLog.read(log);
            assertThat(entries).hasSize(20).allMatch(BatchLog.Entry::delivered);
            ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
            LoadGeneratorBatches b = new LoadGeneratorBatches(0, o);
            for (BatchLog.Entry e : entries) {
                rebuilt.write(b.batch(e.seq(), e.createdMs()));
                assertThat(e.samples()).isEqualTo(b.lastSamples());
            }
            assertThat(rebuilt.toByteArray()).isEqualTo(received.toByteArray());
            assertThat(entries.stream().mapToLong(BatchLog.Entry::samples).sum())
                    .isEqualTo(r.samples());
        }
    }

    @Test
    void httpRetriesA503UntilItIsAcknowledged() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/write",
                ex -> {
                    ex.getRequestBody().readAllBytes();
                    // every other request is refused: each batch needs exactly one retry
                    ex.sendResponseHeaders(calls.incrementAndGet() % 2 == 1 ? 503 : 204, -1);
                    ex.close();
                });
        server.start();
        try {
            Path log = dir.resolve("http.log");
            LineProtocolLoadGenerator.Result r =
                    new LineProtocolLoadGenerator(
                                    options(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + server.getAddress().getPort()
                                                            + "/write"),
                                            50,
                                            log))
                            .run();
            assertThat(r.retries()).isEqualTo(5);
            assertThat(r.httpStatuses()).containsEntry(503, 5L).containsEntry(204, 5L);
            assertThat(BatchLog.read(log)).hasSize(5).allMatch(BatchLog.Entry::delivered);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tcpWritesTheFailedBatchAgainOnANewConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream second = new ByteArrayOutputStream();
            Thread receiver =
                    new Thread(
                            () -> {
                                try {
                                    // the first connection dies mid-stream (a receiver killed)
                                    Socket first = server.accept();
                                    first.getInputStream().readNBytes(4096);
                                    first.setSoLinger(true, 0);
                                    first.close();
                                    try (Socket s = server.accept();
                                            InputStream in = s.getInputStream()) {
                                        in.transferTo(second);
                                    }
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            receiver.start();
            LineProtocolLoadGenerator.Options o =
                    options(
                            URI.create("tcp://127.0.0.1:" + server.getLocalPort()),
                            2000,
                            dir.resolve("t.log"));
            LineProtocolLoadGenerator.Result r = new LineProtocolLoadGenerator(o).run();
            receiver.join(10_000);
            assertThat(r.retries()).isPositive();
            assertThat(r.abandonedBatches()).isZero();
            // whatever the dead connection swallowed is lost (TCP's loss); the rest arrived whole
            String got = second.toString();
            assertThat(got).endsWith("\n");
            assertThat(got.lines().count()).isPositive().isLessThanOrEqualTo(2000);
        }
    }
}
