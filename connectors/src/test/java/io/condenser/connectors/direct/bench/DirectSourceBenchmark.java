package io.condenser.connectors.direct.bench;

import io.condenser.connectors.direct.DirectParsers;
import io.condenser.connectors.direct.DirectSource;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Samples per second a direct source subtask (parallelism 1, one slot) sustains into a discarding
 * sink, end to end: client write, framing, parsing, queue, pollNext, Flink's chain. One operation
 * is one sample; each invocation writes {@link #SAMPLES} samples of Telegraf's cpu shape (three
 * fields per line) over one TCP connection or as {@code POST /write} requests of 1000 lines, then
 * waits until all passed the sink. The client runs in the same JVM on the same cores, so the figure
 * is a lower bound for the source alone.
 *
 * <p>{@code mvn -B -Pbench verify -pl connectors -am -Dbench.args="-f 1 -wi 2 -i 3 -w 2s -r 3s
 * DirectSourceBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx1g",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED"
        })
public class DirectSourceBenchmark {

    static final int LINES_PER_BATCH = 1000;
    static final int BATCHES = 10;
    static final int SAMPLES = LINES_PER_BATCH * BATCHES * 3;

    static final AtomicLong COUNT = new AtomicLong();

    @Param({"tcp", "http"})
    public String protocol;

    private JobClient job;
    private int tcpPort;
    private int httpPort;
    private Socket socket;
    private OutputStream out;
    private HttpClient http;
    private byte[][] batches;
    private long expected;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        tcpPort = ExternalServer.freePort();
        httpPort = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.TCP_LINE_PROTOCOL, tcpPort)
                        .port(Protocol.HTTP, httpPort)
                        .disable(Protocol.TCP_GRAPHITE)
                        .maxFuture(Duration.ofDays(1))
                        .build();
        DirectSource source = new DirectSource(config, parsers());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "direct")
                .map(new Count())
                .sinkTo(new DiscardingSink<>());
        job = env.executeAsync("direct-source-benchmark");
        awaitListening();
        batches = new byte[BATCHES][];
        long nowNs = System.currentTimeMillis() * 1_000_000L;
        long n = 0;
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < LINES_PER_BATCH; i++, n++) {
                double v = (n % 1000) / 10.0;
                sb.append("cpu,cpu=cpu")
                        .append(n % 8)
                        .append(",host=host-")
                        .append((n / 8) % 500)
                        .append(" usage_user=")
                        .append(v)
                        .append(",usage_system=")
                        .append(v / 2)
                        .append(",usage_idle=")
                        .append(100 - v)
                        .append(' ')
                        .append(nowNs + n)
                        .append('\n');
            }
            batches[b] = sb.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (protocol.equals("tcp")) {
            socket = new Socket(InetAddress.getLoopbackAddress(), tcpPort);
            out = socket.getOutputStream();
        } else {
            http = HttpClient.newHttpClient();
        }
        expected = COUNT.get();
    }

    /** The parser factory: the real one when present on the class path, else the test one. */
    static DirectParsers parsers() throws Exception {
        String name =
                System.getProperty(
                        "bench.parsers", "io.condenser.connectors.direct.DefaultDirectParsers");
        try {
            return (DirectParsers) Class.forName(name).getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return new io.condenser.connectors.direct.SimpleTestParsers();
        }
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcpPort)) {
                return;
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("source did not start listening");
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void samples() throws Exception {
        expected += SAMPLES;
        for (byte[] batch : batches) {
            if (out != null) {
                out.write(batch);
            } else {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://127.0.0.1:" + httpPort + "/write"))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() != 204) {
                    throw new IllegalStateException("HTTP " + r.statusCode());
                }
            }
        }
        if (out != null) {
            out.flush();
        }
        while (COUNT.get() < expected) {
            LockSupport.parkNanos(20_000);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (socket != null) {
            socket.close();
        }
        job.cancel().get(30, TimeUnit.SECONDS);
    }

    static final class Count implements MapFunction<Sample, Sample> {
        @Override
        public Sample map(Sample s) {
            COUNT.incrementAndGet();
            return s;
        }
    }
}
