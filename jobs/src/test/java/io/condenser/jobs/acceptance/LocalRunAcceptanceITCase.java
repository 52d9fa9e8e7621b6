package io.condenser.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.functions.StageMetrics;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.engine.EngineCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./condenser run} through the launcher with real clients writing at once: curl (plain
 * {@code /write}, gzip {@code /api/v2/write}), python3-influxdb (plain and gzip), gzip line
 * protocol over TCP, and a Prometheus 2.42 remote-writing its own scrapes. The job remote-writes
 * into a second Prometheus; every closed window there equals the reference evaluator's over what
 * the clients delivered. Also what a user reads: the banner, the status line, the metrics port, and
 * that the JVM runs a copy of the jar, not the one a rebuild rewrites.
 */
class LocalRunAcceptanceITCase {

    static final String RULES =
            """
            rules:
              - name: clients
                match: acc_value
                interval: 10s
                delay: 10s
                by: [host]
                outputs: [sum_samples, count_samples]
              - name: remote-write
                match: 'up{job="sender"}'
                interval: 10s
                delay: 10s
                by: [job]
                outputs: [sum_samples, count_samples]
            """;

    @TempDir Path dir;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void realClientsInRealOutputOutAndWhatTheUserSees() throws Exception {
        Tools.require(ExternalServer.onPath("prometheus"), "Debian's prometheus");
        Tools.require(Clients.influxPythonPresent(), "Debian's python3-influxdb");
        Tools.require(ExternalServer.onPath("curl"), "curl");
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);

        try (PrometheusServer sink = new PrometheusServer(dir.resolve("sink"))) {
            sink.start();
            LocalRunSpec spec = new LocalRunSpec(rules).remoteWrite(sink.remoteWriteUrl());
            Launcher launcher = new Launcher(dir);
            try (CondenserProcess run = launcher.start(spec.args())) {
                Matcher banner =
                        run.awaitStderr(
                                Pattern.compile("condenser run: (web UI .*Ctrl-C stops\\.)"),
                                Duration.ofMinutes(2));
                assertThat(banner.group(1))
                        .contains("web UI http://127.0.0.1:" + spec.webPort)
                        .contains("metrics http://127.0.0.1:" + spec.metricsPort + "/metrics")
                        .contains(
                                "listening on 127.0.0.1: line protocol "
                                        + spec.linePort
                                        + ", HTTP "
                                        + spec.httpPort)
                        .contains("writing to " + sink.remoteWriteUrl());
                assertRunsACopyOfTheJar(run);

                try (Clients.GzipTcp tcp =
                                new Clients.GzipTcp(spec.linePort, Duration.ofMinutes(1));
                        Clients.InfluxPython influx =
                                new Clients.InfluxPython(dir, spec.httpPort, false);
                        Clients.InfluxPython influxGzip =
                                new Clients.InfluxPython(dir, spec.httpPort, true);
                        PrometheusServer sender = remoteWritingPrometheus(spec);
                        Traffic traffic =
                                new Traffic("acc", "value")
                                        .client(
                                                "curl",
                                                Clients.curl(
                                                        dir,
                                                        spec.httpBase() + "/write?db=condenser",
                                                        false))
                                        .client(
                                                "curl-gzip",
                                                Clients.curl(
                                                        dir,
                                                        spec.httpBase()
                                                                + "/api/v2/write?org=o&bucket=b",
                                                        true))
                                        .client("influx", influx)
                                        .client("influx-gzip", influxGzip)
                                        .client("tcp-gzip", tcp)) {
                    awaitListening(spec);
                    sender.start(senderPort);
                    traffic.start();

                    OutputComparison clients =
                            new OutputComparison(sink, "{__name__=~\"acc_value:.*\"}", RULES);
                    int windows = clients.awaitAndCompare(traffic::sent, 2, Duration.ofMinutes(3));
                    traffic.checkHealthy();
                    // five clients, two outputs each
                    assertThat(windows).isGreaterThanOrEqualTo(5 * 2 * 2);

                    OutputComparison remoteWrite =
                            new OutputComparison(sink, "{__name__=~\"up:.*\"}", RULES);
                    remoteWrite.awaitAndCompare(() -> scraped(sender), 2, Duration.ofMinutes(2));

                    assertStatusLine(run);
                    assertMetricsPort(spec);
                }
            }
        }
    }

    private int senderPort;

    /**
     * Prometheus 2.42 scraping itself every second and remote-writing everything to the job's HTTP
     * port (flushed every second, so its samples are never late).
     */
    private PrometheusServer remoteWritingPrometheus(LocalRunSpec spec) throws Exception {
        senderPort = ExternalServer.freePort();
        return new PrometheusServer(
                dir.resolve("sender"),
                "scrape_configs:\n"
                        + "  - job_name: sender\n"
                        + "    static_configs: [{targets: ['127.0.0.1:"
                        + senderPort
                        + "']}]\n"
                        + "remote_write:\n"
                        + "  - url: "
                        + spec.httpBase()
                        + "/api/v1/write\n"
                        + "    queue_config: {batch_send_deadline: 1s}\n");
    }

    /** What the sender scraped (and so remote-wrote), from its own TSDB. */
    private static List<Sample> scraped(PrometheusServer sender) {
        try {
            JsonNode result =
                    sender.query("up{job=\"sender\"}[2h]", System.currentTimeMillis() / 1000.0);
            List<Sample> out = new ArrayList<>();
            for (JsonNode s : result) {
                TreeMap<String, String> labels = new TreeMap<>();
                s.path("metric")
                        .fields()
                        .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                labels.remove("__name__");
                for (JsonNode v : s.path("values")) {
                    out.add(
                            Sample.of(
                                    "up",
                                    Labels.fromMap(labels),
                                    Math.round(v.get(0).asDouble() * 1000),
                                    v.get(1).asDouble()));
                }
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitListening(LocalRunSpec spec) throws Exception {
        Clients.connect(spec.httpPort, Duration.ofMinutes(1)).close();
    }

    /** The JVM's class path is the copy under the launcher's state dir, not jobs/target. */
    private static void assertRunsACopyOfTheJar(CondenserProcess run) throws Exception {
        List<String> cmd = run.commandLine();
        String classPath = cmd.get(cmd.indexOf("-cp") + 1);
        String jar = classPath.split(":")[0];
        assertThat(jar).contains("/state/jars/").endsWith("/condenser-jobs.jar");
        assertThat(Files.mismatch(Path.of(jar), Launcher.JAR)).isEqualTo(-1L);
    }

    /** A status line with samples in, and later one with outputs. */
    private static void assertStatusLine(CondenserProcess run) throws Exception {
        Pattern status =
                Pattern.compile(
                        "condenser: ([\\d,]+) samples/s in \\(([\\d,]+) total\\), ([\\d,]+)"
                                + " outputs, ([\\d,]+) late, ([\\d,]+) rejected");
        Matcher m = status.matcher(run.stderr());
        long maxRate = 0;
        long outputs = 0;
        while (m.find()) {
            maxRate = Math.max(maxRate, number(m.group(1)));
            outputs = Math.max(outputs, number(m.group(3)));
            assertThat(number(m.group(5))).as("rejected").isZero();
        }
        assertThat(maxRate).as("samples/s on the status line").isPositive();
        assertThat(outputs).as("outputs on the status line").isPositive();
    }

    /** Flink's metrics and Condenser's counters on the metrics port, with real values. */
    private static void assertMetricsPort(LocalRunSpec spec) throws Exception {
        MetricsText m = MetricsText.scrape(spec.metricsPort);
        assertThat(m.has("flink_jobmanager_job_uptime")).as(m.text()).isTrue();
        assertThat(m.has("flink_taskmanager_Status_JVM_Memory_Heap_Used")).isTrue();
        assertThat(m.sum(MetricsText.OPERATOR + DirectSourceMetrics.SAMPLES_RECEIVED)).isPositive();
        assertThat(m.sum(MetricsText.OPERATOR + StageMetrics.RULE_SETS_APPLIED)).isEqualTo(1.0);
        assertThat(
                        m.sum(
                                MetricsText.OPERATOR
                                        + RemoteWriteMetrics.ENDPOINT
                                        + "_"
                                        + RemoteWriteMetrics.OUTPUTS_WRITTEN))
                .isPositive();
        assertThat(m.has(MetricsText.OPERATOR + EngineCounter.SAMPLES_UNMATCHED.metricName()))
                .isTrue();
    }

    private static long number(String s) {
        return Long.parseLong(s.replace(",", ""));
    }
}
