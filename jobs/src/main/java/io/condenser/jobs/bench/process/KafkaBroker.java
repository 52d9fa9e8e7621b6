package io.condenser.jobs.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * A single-node KRaft broker in its own JVM, started with the repository's {@code scripts/kafka.sh}
 * on free loopback ports and a private state directory; topics are created explicitly with the
 * admin client.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Scripts scripts;
    private final String bootstrap;
    private boolean started;

    private KafkaBroker(Scripts scripts, String bootstrap) {
        this.scripts = scripts;
        this.bootstrap = bootstrap;
    }

    public static KafkaBroker start(Repository repo, Path dir)
            throws IOException, InterruptedException {
        int port = Ports.free();
        Map<String, String> env = new TreeMap<>();
        env.put("KAFKA_PORT", Integer.toString(port));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(Ports.free()));
        env.put("CONDENSER_STATE", dir.resolve("state").toString());
        KafkaBroker broker = new KafkaBroker(new Scripts(repo, env), "127.0.0.1:" + port);
        broker.started = true;
        try {
            broker.scripts.run("kafka.sh", List.of("start"), 300);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public OptionalLong pid() {
        try {
            return OptionalLong.of(
                    Long.parseLong(Files.readString(scripts.state("kafka/kafka.pid")).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        return Admin.create(p);
    }

    public void createTopic(String name, int partitions) throws IOException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot create topic " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Records in the topic so far: the sum of its partitions' end offsets. */
    public long records(String topic, int partitions) throws IOException {
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            req.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        try (Admin admin = admin()) {
            long sum = 0;
            for (var info : admin.listOffsets(req).all().get(60, TimeUnit.SECONDS).values()) {
                sum += info.offset();
            }
            return sum;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read end offsets of " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Bytes the topic's partitions hold on disk: their log segments ({@code *.log}), i.e. what the
     * broker stores per replica (the preallocated index files are left out).
     */
    public long logBytes(String topic) throws IOException {
        Path data = scripts.state("kafka/data");
        long sum = 0;
        try (Stream<Path> dirs = Files.list(data)) {
            for (Path d :
                    dirs.filter(p -> p.getFileName().toString().startsWith(topic + "-")).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                        sum += Files.size(f);
                    }
                }
            }
        }
        return sum;
    }

    /** Stops the broker with the script (TERM, then KILL, by its PID file). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            scripts.run("kafka.sh", List.of("stop"), 120);
        }
    }
}
