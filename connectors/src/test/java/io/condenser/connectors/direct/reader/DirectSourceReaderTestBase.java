package io.condenser.connectors.direct.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.SimpleTestParsers;
import io.condenser.connectors.testing.ExternalServer;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/**
 * One reader over loopback sockets, polled by hand as the Flink task would: the setup shared by
 * {@link DirectSourceReaderTcpTest} and {@link DirectSourceReaderHttpTest}.
 */
@Timeout(60)
abstract class DirectSourceReaderTestBase {

    DirectSourceReader reader;
    final TestReaderContext.Output output = new TestReaderContext.Output();
    int tcpPort;
    int httpPort;

    void start(UnaryOperator<DirectSourceConfig.Builder> edit) throws Exception {
        start(edit, new SimpleTestParsers());
    }

    void start(UnaryOperator<DirectSourceConfig.Builder> edit, DirectParsers parsers)
            throws Exception {
        startOn(ExternalServer.freePort(), edit, parsers);
    }

    /** A reader whose line-protocol port is {@code tcpPort} (known before the reader starts). */
    void startOn(int tcpPort, UnaryOperator<DirectSourceConfig.Builder> edit, DirectParsers parsers)
            throws Exception {
        this.tcpPort = tcpPort;
        httpPort = ExternalServer.freePort();
        DirectSourceConfig config =
                edit.apply(
                                DirectSourceConfig.builder()
                                        .bindAddress("127.0.0.1")
                                        .port(Protocol.TCP_LINE_PROTOCOL, tcpPort)
                                        .port(Protocol.HTTP, httpPort)
                                        .disable(Protocol.TCP_GRAPHITE))
                        .build();
        reader = new DirectSourceReader(new TestReaderContext(0), config, parsers);
        reader.start();
        reader.addSplits(TestReaderContext.splits(0, Protocol.TCP_LINE_PROTOCOL, Protocol.HTTP));
    }

    @AfterEach
    void close() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }

    /** Polls like the task: wait on isAvailable, then pollNext, until n samples or timeout. */
    void pollUntil(int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (output.emitted.size() < n && System.nanoTime() < deadline) {
            try {
                reader.isAvailable().get(100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                continue;
            }
            reader.pollNext(output);
        }
        assertThat(output.emitted).hasSize(n);
    }
}
