package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.bench.process.FlinkRest;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does, with the user-facing scripts: a standalone Flink cluster ({@code
 * flink-cluster.sh}, configured by flink-conf/config.yaml), a KRaft broker ({@code kafka.sh}) and
 * Prometheus 2.42; the shaded job jar submitted with {@code flink.sh run}; Telegraf-shaped records
 * ({@code outputs.kafka}, influx, keyed by host) on the metrics topic; a changed rule set on the
 * rules topic taking effect without a restart; stop with a savepoint; restore at another
 * parallelism; every window of every host exactly once in Prometheus, before and after.
 */
class ClusterEndToEndITCase {

    static final int HOSTS = 3;
    static final String CPU_SERIES = "cpu_usage_idle:10s_by_host_sum_samples";
    static final String MEM_SERIES = "mem_used:10s_by_host_sum_samples";

    static final String RULES_V1 =
            "rules:\n"
                    + "  - name: cpu\n"
                    + "    match: cpu_usage_idle\n"
                    + "    interval: 10s\n"
                    + "    by: [host]\n"
                    + "    outputs: [sum_samples]\n";
    static final String RULES_V2 =
            RULES_V1
                    + "  - name: mem\n"
                    + "    match: mem_used\n"
                    + "    interval: 10s\n"
                    + "    by: [host]\n"
                    + "    outputs: [sum_samples]\n";

    @TempDir Path dir;
    private ClusterScripts scripts;
    private PrometheusServer prometheus;

    @AfterEach
    void stopEverything() throws Exception {
        if (scripts != null) {
            scripts.stopQuietly("flink-cluster.sh");
            scripts.stopQuietly("kafka.sh");
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void kafkaPathRuleChangeSavepointAndRescale() throws Exception {
        int restPort = ExternalServer.freePort();
        int kafkaPort = ExternalServer.freePort();
        Path conf =
                ClusterScripts.confCopy(
                        dir, restPort, ExternalServer.freePort(), ExternalServer.freePort());
        Map<String, String> env = new TreeMap<>();
        env.put("FLINK_CONF_DIR", conf.toString());
        env.put("FLINK_REST_PORT", Integer.toString(restPort));
        env.put("CONDENSER_STATE", dir.resolve("run").toString());
        env.put("KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ExternalServer.freePort()));
        scripts = new ClusterScripts(env);
        String bootstrap = "127.0.0.1:" + kafkaPort;

        prometheus = new PrometheusServer(dir.resolve("prometheus"));
        prometheus.start();
        scripts.run("kafka.sh", "start");
        scripts.run("flink-cluster.sh", "start");
        createTopics(bootstrap);
        send(bootstrap, "condenser-rules", "rules.yaml", RULES_V1);

        Path jobConfig = dir.resolve("condenser.yaml");
        Files.writeString(
                jobConfig,
                "source:\n  type: kafka\n  kafka:\n    bootstrap-servers: "
                        + bootstrap
                        + "\n    topic: telegraf\n"
                        + "rules:\n  topic: condenser-rules\n"
                        + "remote-write:\n  urls: ["
                        + prometheus.remoteWriteUrl()
                        + "]\n"
                        + "checkpoints:\n  interval: 2s\n"
                        + "parallelism: 2\n");
        String jar = ClusterScripts.ROOT.resolve("jobs/target/condenser-jobs.jar").toString();
        String jobId =
                match(
                        scripts.run("flink.sh", "run", "-d", jar, "--config", jobConfig.toString()),
                        "JobID ([0-9a-f]{32})");

        // Event time well inside what Prometheus accepts, aligned to the 10s windows.
        long t0 = (System.currentTimeMillis() - 30 * 60_000L) / 10_000 * 10_000;
        produce(bootstrap, t0, 0, 60);
        awaitWindows(CPU_SERIES, t0 + 30_000);

        // A new rule, published while the job runs, applies from a later window on: a rule record
        // takes effect from its timestamp (when it was published), here the replayed time at
        // which it is published
        send(bootstrap, "condenser-rules", "rules.yaml", RULES_V2, t0 + 60_000);
        // Replayed data races the rule topic (Kafka orders nothing across topics): a sample the
        // job read before the update reached the match stage was matched by the rules then in
        // force. A live agent's samples for the boundary come after it; a replay waits for it.
        awaitRuleSetsApplied(restPort, jobId, 2 * 2);
        produce(bootstrap, t0, 60, 60);
        awaitWindows(MEM_SERIES, t0 + 100_000);

        String stopped =
                scripts.run(
                        "flink.sh",
                        "stop",
                        "--savepointPath",
                        dir.resolve("savepoints").toUri().toString(),
                        jobId);
        String savepoint = match(stopped, "Savepoint completed\\. Path: (\\S+)");

        // Restore at parallelism 1 (the job's parallelism comes from its configuration).
        match(
                scripts.run(
                        "flink.sh",
                        "run",
                        "-d",
                        "-s",
                        savepoint,
                        jar,
                        "--config",
                        jobConfig.toString(),
                        "--parallelism",
                        "1"),
                "JobID ([0-9a-f]{32})");
        produce(bootstrap, t0, 120, 60);
        awaitWindows(CPU_SERIES, t0 + 160_000);

        // The direct path in the slot the rescaled job left free: Telegraf's socket_writer
        // shape (line protocol over TCP) into the job's own listener.
        int linePort = ExternalServer.freePort();
        Path directRules = dir.resolve("direct-rules.yaml");
        Files.writeString(directRules, RULES_V1.replace("name: cpu", "name: cpu-direct"));
        Path directConfig = dir.resolve("condenser-direct.yaml");
        Files.writeString(
                directConfig,
                "source:\n  type: direct\n  direct:\n    bind-address: 127.0.0.1\n"
                        + "    line-protocol-port: "
                        + linePort
                        + "\n    http-port: 0\n    graphite-port: 0\n"
                        + "rules:\n  path: "
                        + directRules
                        + "\nremote-write:\n  urls: ["
                        + prometheus.remoteWriteUrl()
                        + "]\ncheckpoints:\n  interval: 2s\nparallelism: 1\n");
        match(
                scripts.run("flink.sh", "run", "-d", jar, "--config", directConfig.toString()),
                "JobID ([0-9a-f]{32})");
        sendDirect(linePort, t0, 60);
        awaitWindows(CPU_SERIES, t0 + 40_000, "direct-");
        Map<String, List<long[]>> direct = samples(CPU_SERIES, "direct-");
        assertThat(direct).hasSize(HOSTS);
        direct.forEach((host, points) -> assertContiguous(host, points, t0 + 10_000, t0 + 40_000));

        Map<String, List<long[]>> cpu = samples(CPU_SERIES);
        assertThat(cpu).hasSize(HOSTS);
        cpu.forEach((host, points) -> assertContiguous(host, points, t0 + 10_000, t0 + 160_000));
        Map<String, List<long[]>> mem = samples(MEM_SERIES);
        assertThat(mem).hasSize(HOSTS);
        mem.forEach(
                (host, points) -> {
                    // The rule took effect while the job ran (not from the first window).
                    assertThat(points.get(0)[0]).isGreaterThan(t0 + 10_000);
                    assertContiguous(host, points, points.get(0)[0], t0 + 160_000);
                });
    }

    /** One point per 10s window from {@code from} to at least {@code to}, each the sum of 10. */
    private static void assertContiguous(String host, List<long[]> points, long from, long to) {
        assertThat(points.get(0)[0]).as("first window of %s", host).isLessThanOrEqualTo(from);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i)[0] - points.get(i - 1)[0])
                    .as("gap or duplicate before %d for %s", points.get(i)[0], host)
                    .isEqualTo(10_000);
        }
        assertThat(points.get(points.size() - 1)[0]).isGreaterThanOrEqualTo(to);
        for (long[] p : points) {
            assertThat(p[1])
                    .as("window %d of %s counted each sample once", p[0], host)
                    .isEqualTo(10);
        }
    }

    /** {@code count} seconds of Telegraf output per host: cpu and mem, one record per host. */
    private static void produce(String bootstrap, long t0, int fromSecond, int count)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            for (int s = fromSecond; s < fromSecond + count; s++) {
                long ns = (t0 + s * 1000L) * 1_000_000L;
                for (int h = 0; h < HOSTS; h++) {
                    String host = "web-" + h;
                    String lines =
                            "cpu,cpu=cpu-total,host="
                                    + host
                                    + " usage_idle=1 "
                                    + ns
                                    + "\n"
                                    + "mem,host="
                                    + host
                                    + " used=1i "
                                    + ns
                                    + "\n";
                    producer.send(new ProducerRecord<>("telegraf", host, lines));
                }
            }
            producer.flush();
        }
    }

    /** {@code seconds} of cpu lines per host over one TCP connection, as socket_writer sends. */
    private static void sendDirect(int port, long t0, int seconds) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int s = 0; s < seconds; s++) {
            long ns = (t0 + s * 1000L) * 1_000_000L;
            for (int h = 0; h < HOSTS; h++) {
                lines.append("cpu,cpu=cpu-total,host=direct-")
                        .append(h)
                        .append(" usage_idle=1 ")
                        .append(ns)
                        .append('\n');
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(lines.toString().getBytes(StandardCharsets.UTF_8));
                socket.getOutputStream().flush();
                return;
            } catch (java.net.ConnectException e) {
                // The listener opens once the job's tasks are running.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static void send(String bootstrap, String topic, String key, String value)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** A record stamped {@code timestampMs} (a rule record takes effect from its timestamp). */
    private static void send(
            String bootstrap, String topic, String key, String value, long timestampMs)
            throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            producer.send(new ProducerRecord<>(topic, null, timestampMs, key, value))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void createTopics(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic("telegraf", 2, (short) 1),
                                    new NewTopic("condenser-rules", 1, (short) 1)
                                            .configs(Map.of("cleanup.policy", "compact"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Waits until the match subtasks have applied {@code expected} rule sets between them (the
     * {@code rule_sets_applied} counters, summed over the REST API).
     */
    private static void awaitRuleSetsApplied(int restPort, String jobId, long expected)
            throws Exception {
        FlinkRest rest = new FlinkRest(restPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long applied = -1;
        while (System.nanoTime() < deadline) {
            applied = rest.subtaskMetricSum(jobId, "match-rules", "match-rules.rule_sets_applied");
            if (applied >= expected) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "rule sets applied by the match subtasks: " + applied + ", expected " + expected);
    }

    /** Waits until every host's series has a window at or after {@code untilMs}. */
    private void awaitWindows(String series, long untilMs) throws Exception {
        awaitWindows(series, untilMs, "web-");
    }

    private void awaitWindows(String series, long untilMs, String hostPrefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, List<long[]>> seen = Map.of();
        while (System.nanoTime() < deadline) {
            seen = samples(series, hostPrefix);
            if (seen.size() == HOSTS
                    && seen.values().stream().allMatch(l -> l.get(l.size() - 1)[0] >= untilMs)) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                series + " did not reach " + untilMs + "; last seen: " + describe(seen));
    }

    /** Raw samples per host, [timestampMs, value], in time order. */
    private Map<String, List<long[]>> samples(String series) throws Exception {
        return samples(series, "web-");
    }

    private Map<String, List<long[]>> samples(String series, String hostPrefix) throws Exception {
        double now = System.currentTimeMillis() / 1000.0;
        JsonNode result = prometheus.query(series + "{host=~\"" + hostPrefix + ".*\"}[2h]", now);
        Map<String, List<long[]>> out = new TreeMap<>();
        for (JsonNode s : result) {
            List<long[]> points = new ArrayList<>();
            for (JsonNode v : s.path("values")) {
                points.add(
                        new long[] {
                            Math.round(v.get(0).asDouble() * 1000), Math.round(v.get(1).asDouble())
                        });
            }
            out.put(s.path("metric").path("host").asText(), points);
        }
        return out;
    }

    private static String describe(Map<String, List<long[]>> seen) {
        StringBuilder sb = new StringBuilder();
        seen.forEach(
                (h, l) -> {
                    sb.append(h).append(':');
                    l.forEach(p -> sb.append(' ').append(p[0]).append('=').append(p[1]));
                    sb.append('\n');
                });
        return sb.toString();
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no '" + regex + "' in:\n" + text);
        }
        return m.group(1);
    }
}
