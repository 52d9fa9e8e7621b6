package io.condenser.connectors.direct.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.SimpleTestParsers;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.connectors.testing.ExternalServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator's output reaches a reader intact over TCP (gzip) and HTTP. */
@Timeout(120)
class LoadGeneratorIntoReaderTest {

    @Test
    void tcpAndHttp() throws Exception {
        int tcp = ExternalServer.freePort();
        int http = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcp)
                        .port(Protocol.HTTP, http)
                        .disable(Protocol.TCP_GRAPHITE)
                        .queueCapacity(10_000)
                        .build();
        DirectSourceReader reader =
                new DirectSourceReader(new TestReaderContext(0), config, new SimpleTestParsers());
        TestReaderContext.Output output = new TestReaderContext.Output();
        try {
            reader.addSplits(
                    TestReaderContext.splits(0, Protocol.TCP_LINE_PROTOCOL, Protocol.HTTP));
            LineProtocolLoadGenerator.Result tcpResult =
                    generate("--target", "tcp://127.0.0.1:" + tcp, "--gzip", reader, output);
            LineProtocolLoadGenerator.Result httpResult =
                    generate(
                            "--target",
                            "http://127.0.0.1:" + http + "/write",
                            "--gzip",
                            reader,
                            output);
            assertThat(tcpResult.lines()).isEqualTo(2000);
            assertThat(httpResult.httpStatuses()).containsOnlyKeys(204);
            assertThat(output.emitted).hasSize(2 * 2000 * 3);
            assertThat(output.emitted.get(0).sample().name()).isEqualTo("cpu_usage_user");
            assertThat(output.emitted.get(0).sample().labels().get("host")).isEqualTo("host-0-0");
        } finally {
            reader.close();
        }
    }

    private static LineProtocolLoadGenerator.Result generate(
            String k,
            String target,
            String gzip,
            DirectSourceReader reader,
            TestReaderContext.Output output)
            throws Exception {
        int before = output.emitted.size();
        CompletableFuture<LineProtocolLoadGenerator.Result> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return new LineProtocolLoadGenerator(
                                                LineProtocolLoadGenerator.Options.parse(
                                                        k,
                                                        target,
                                                        gzip,
                                                        "--batch",
                                                        "100",
                                                        "--max-lines",
                                                        "2000",
                                                        "--duration",
                                                        "60s"))
                                        .run();
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (output.emitted.size() < before + 6000 && System.nanoTime() < deadline) {
            if (reader.isAvailable().isDone()) {
                reader.pollNext(output);
            } else {
                Thread.sleep(1);
            }
        }
        return run.get(30, TimeUnit.SECONDS);
    }
}
