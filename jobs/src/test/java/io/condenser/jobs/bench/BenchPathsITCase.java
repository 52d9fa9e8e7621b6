package io.condenser.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.bench.process.ServerProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each path of {@code ./condenser bench} end to end, as the command runs it: a standalone cluster
 * from the repository's scripts with the shaded jar, a real KRaft broker, VictoriaMetrics, the
 * generator and producer as processes; tiny traffic for a few seconds. Every output must equal the
 * reference evaluator's, nothing may be lost, and every figure must be there and plausible. No
 * timing is asserted: the machine may be slow.
 */
class BenchPathsITCase {

    /** Short windows so the flowing traffic closes several within seconds. */
    static final String RULES =
            "rules:\n"
                    + "  - {name: cpu-idle-by-host, match: 'cpu_usage_idle{cpu!=\"cpu-total\"}', interval: 2s, by: [host], outputs: [avg, min]}\n"
                    + "  - {name: net-bytes, match: '{__name__=~\"net_bytes_(recv|sent)\", interface!=\"lo\"}', interval: 2s, without: [interface], outputs: [total, rate_sum]}\n"
                    + "  - {name: disk-used-quantiles, match: disk_used_percent, interval: 2s, by: [], outputs: ['quantiles(0.5, 0.9, 0.99)']}\n"
                    + "  - {name: http-5xx, match: 'http_requests_total{code=~\"5..\"}', interval: 2s, by: [code], outputs: [increase]}\n";

    @TempDir Path dir;

    private BenchResult run(BenchPath path, BenchOptions.Protocol protocol, Duration duration)
            throws Exception {
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        BenchOptions o =
                new BenchOptions(
                        List.of(path),
                        protocol,
                        AckMode.ON_RECEIVE,
                        BenchOptions.Sink.DISCARD,
                        200,
                        LineProtocolLoadGenerator.Mix.TELEGRAF,
                        4_000,
                        rules,
                        duration,
                        Duration.ofSeconds(2),
                        2,
                        0,
                        Duration.ofSeconds(2),
                        0,
                        dir.resolve("out"),
                        0,
                        "snappy",
                        null,
                        3,
                        Duration.ofDays(7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<BenchResult> results =
                new BenchRun(
                                o,
                                "test",
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err)
                        .run();
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(results).hasSize(1);
        BenchResult r = results.get(0);
        assertThat(printed.lines().filter(l -> l.startsWith("RESULT ")))
                .containsExactly(r.resultLine());
        assertThat(r.resultLine()).matches(BenchResultTest.RESULT);
        assertThat(r.problems()).as("differences from the reference").isEmpty();
        assertThat(r.outputsMatchReference()).isTrue();
        assertThat(r.lost()).isZero();
        assertThat(r.duplicated()).isZero();
        assertThat(r.samplesPerSecond()).isPositive();
        assertThat(r.generatedSamples()).isPositive();
        assertThat(r.acceptedSamples()).isPositive().isLessThanOrEqualTo(r.generatedSamples());
        assertThat(r.jobCpu()).isPositive();
        assertThat(r.generatorCpu()).isPositive();
        assertThat(r.outputs()).isPositive();
        assertThat(r.wireBytesPerSample()).isBetween(10.0, 500.0);
        for (String f :
                List.of(
                        "results.csv",
                        "cost.csv",
                        "timeline.csv",
                        "summary.txt",
                        "throughput.svg",
                        "cpu.svg",
                        "latency.svg",
                        "timeline.svg")) {
            assertThat(dir.resolve("out").resolve(f)).isNotEmptyFile();
        }
        assertThat(Files.readString(dir.resolve("out/results.csv")).lines()).hasSize(2);
        return r;
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void direct() throws Exception {
        // windows close 5 s (the direct source's out-of-orderness) after they end
        BenchResult r = run(BenchPath.DIRECT, BenchOptions.Protocol.TCP, Duration.ofSeconds(12));
        assertThat(r.brokerCpu()).isEqualTo(-1);
        assertThat(r.producerCpu()).isEqualTo(-1);
        assertThat(r.totalCpu()).isEqualTo(r.jobCpu());
        assertThat(r.latencyP50Ms()).isNotNegative();
        assertThat(r.latencyP99Ms()).isGreaterThanOrEqualTo(r.latencyP50Ms());
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void kafka() throws Exception {
        // windows close 10 s (the Kafka source's out-of-orderness) after they end
        BenchResult r = run(BenchPath.KAFKA, BenchOptions.Protocol.TCP, Duration.ofSeconds(16));
        assertThat(r.brokerCpu()).isPositive();
        assertThat(r.producerCpu()).isPositive();
        assertThat(r.totalCpu()).isGreaterThan(r.jobCpu());
        assertThat(r.brokerBytesPerSample()).isBetween(10.0, 500.0);
        assertThat(r.latencyP50Ms()).isNotNegative();
        assertThat(r.latencyP99Ms()).isGreaterThanOrEqualTo(r.latencyP50Ms());
    }

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void peer() throws Exception {
        assumeThat(ServerProcess.onPath("victoria-metrics"))
                .as("victoria-metrics installed")
                .isTrue();
        BenchResult r = run(BenchPath.PEER, BenchOptions.Protocol.HTTP, Duration.ofSeconds(5));
        assertThat(r.outputs()).isEqualTo(r.generatedSamples());
        assertThat(r.brokerCpu()).isEqualTo(-1);
        assertThat(r.latencyP50Ms()).as("HTTP acknowledgement").isNotNegative();
    }
}
