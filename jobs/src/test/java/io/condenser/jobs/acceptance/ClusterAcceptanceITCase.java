package io.condenser.jobs.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.metrics.DirectSourceMetrics;
import io.condenser.connectors.kafka.KafkaSourceMetrics;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.jobs.functions.StageMetrics;
import io.condenser.model.Sample;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a standalone cluster ({@code flink.sh run}), both paths at once as
 * docker-compose runs them: a Kafka-path job reading Telegraf's {@code outputs.kafka} format (line
 * protocol records keyed by host) from a KRaft broker, and a direct-path job with line protocol
 * over TCP; both remote-write into Prometheus 2.42, where every closed window equals the reference
 * evaluator's. Each second also carries a line the parsers reject. Then the cluster's Prometheus
 * reporter (flink-conf/config.yaml) is scraped: it carries Condenser's counters, and every metric
 * the Grafana dashboard queries.
 */
class ClusterAcceptanceITCase {

    static final String RULES =
            """
            rules:
              - name: acceptance
                match: acc_value
                interval: 10s
                delay: 10s
                by: [host]
                outputs: [sum_samples, count_samples]
            """;

    static final String TOPIC = "telegraf";

    @TempDir Path dir;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void bothPathsOnTheClusterAndTheDashboardsMetrics() throws Exception {
        Tools.require(ExternalServer.onPath("prometheus"), "Debian's prometheus");
        new Launcher(dir); // skips when the shaded jar is not built
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        int linePort = ExternalServer.freePort();

        try (PrometheusServer sink = new PrometheusServer(dir.resolve("sink"));
                StandaloneCluster cluster = StandaloneCluster.start(dir)) {
            sink.start();
            createTopic(cluster.bootstrapServers());
            cluster.submit(
                    "--config",
                    jobConfig(
                                    "kafka.yaml",
                                    "source:\n  type: kafka\n  kafka:\n    bootstrap-servers: "
                                            + cluster.bootstrapServers()
                                            + "\n    topic: "
                                            + TOPIC
                                            + "\n",
                                    rules,
                                    sink)
                            .toString());
            cluster.submit(
                    "--config",
                    jobConfig(
                                    "direct.yaml",
                                    "source:\n  type: direct\n  direct:\n    bind-address: 127.0.0.1\n"
                                            + "    line-protocol-port: "
                                            + linePort
                                            + "\n    http-port: 0\n    graphite-port: 0\n",
                                    rules,
                                    sink)
                            .toString());

            try (KafkaProducer<String, String> producer = producer(cluster.bootstrapServers());
                    Socket tcp = Clients.connect(linePort, Duration.ofMinutes(2));
                    Traffic traffic = new Traffic("acc", "value")) {
                for (String host : kafkaHosts()) {
                    traffic.client(host, telegrafKafkaOutput(producer));
                }
                traffic.client("direct-0", lineProtocolOverTcp(tcp)).start();

                int kafkaWindows =
                        new OutputComparison(
                                        sink,
                                        "{__name__=~\"acc_value:.*\",host=~\"kafka-.*\"}",
                                        RULES)
                                .awaitAndCompare(
                                        () -> sentBy(traffic, "kafka-"), 2, Duration.ofMinutes(3));
                int directWindows =
                        new OutputComparison(
                                        sink,
                                        "{__name__=~\"acc_value:.*\",host=~\"direct-.*\"}",
                                        RULES)
                                .awaitAndCompare(
                                        () -> sentBy(traffic, "direct-"), 2, Duration.ofMinutes(1));
                traffic.checkHealthy();
                assertThat(kafkaWindows).isGreaterThanOrEqualTo(kafkaHosts().size() * 2 * 2);
                assertThat(directWindows).isGreaterThanOrEqualTo(2 * 2);

                MetricsText scrape = MetricsText.scrapeAll(cluster.metricsPorts());
                assertThat(scrape.sum(MetricsText.OPERATOR + DirectSourceMetrics.SAMPLES_RECEIVED))
                        .isPositive();
                assertThat(
                                scrape.sum(
                                        MetricsText.OPERATOR
                                                + KafkaSourceMetrics.GROUP
                                                + "_"
                                                + KafkaSourceMetrics.SAMPLES_RECEIVED))
                        .isPositive();
                assertThat(scrape.sum(MetricsText.OPERATOR + StageMetrics.RULE_SETS_APPLIED))
                        .as("one rule set applied in each job")
                        .isEqualTo(2.0);
                assertThat(DashboardQueries.missingFrom(scrape))
                        .as(
                                "metrics the Grafana dashboard queries that the running jobs do not export")
                        .isEmpty();
            }
        }
    }

    /** What the clients of one path delivered (their hosts share a prefix). */
    private static List<Sample> sentBy(Traffic traffic, String hostPrefix) {
        return traffic.sent().stream()
                .filter(s -> s.labels().get("host").startsWith(hostPrefix))
                .toList();
    }

    /** A job configuration: the given source section, the rules file, remote-write. */
    private Path jobConfig(String name, String source, Path rules, PrometheusServer sink)
            throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(
                file,
                source
                        + "rules:\n  path: "
                        + rules
                        + "\nremote-write:\n  urls: ["
                        + sink.remoteWriteUrl()
                        + "]\ncheckpoints:\n  interval: 5s\nparallelism: 1\n");
        return file;
    }

    /**
     * Hosts whose keys land on both partitions (Kafka's default partitioner: murmur2 of the key),
     * so neither partition's watermark holds event time back.
     */
    private static List<String> kafkaHosts() {
        Set<Integer> partitions = new HashSet<>();
        List<String> hosts = List.of("kafka-0", "kafka-1", "kafka-2", "kafka-3");
        for (String h : hosts) {
            partitions.add(Utils.toPositive(Utils.murmur2(h.getBytes(StandardCharsets.UTF_8))) % 2);
        }
        assertThat(partitions).as("hosts cover both partitions").hasSize(2);
        return hosts;
    }

    /**
     * Telegraf's {@code outputs.kafka} with {@code data_format = "influx"} and {@code routing_tag =
     * "host"}: one record per metric, keyed by host; plus a record the parser rejects.
     */
    private static Traffic.Client telegrafKafkaOutput(KafkaProducer<String, String> producer) {
        return points -> {
            for (Point p : points) {
                String host = p.tags().get("host");
                producer.send(new ProducerRecord<>(TOPIC, host, p.line() + "\n"))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(TOPIC, host, "not line protocol\n"))
                        .get(30, TimeUnit.SECONDS);
            }
        };
    }

    /** Telegraf's socket_writer shape: lines over one TCP connection; one bad line each time. */
    private static Traffic.Client lineProtocolOverTcp(Socket socket) {
        return points -> {
            OutputStream out = socket.getOutputStream();
            out.write(
                    (Clients.lines(points) + "not line protocol\n")
                            .getBytes(StandardCharsets.UTF_8));
            out.flush();
        };
    }

    private static void createTopic(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        try (Admin admin = Admin.create(p)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
