package io.condenser.connectors.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka broker (combined controller and broker) in this JVM, from Kafka's
 * own {@code KafkaClusterTestKit}, listening on a free loopback port with its logs in a temp dir.
 * Topics are created explicitly ({@link #createTopic}); auto-creation is off so a typo in a test
 * fails instead of reading an empty topic.
 */
public final class KafkaTestBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaTestBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker under {@code baseDir}; returns once it accepts clients. */
    public static KafkaTestBroker start(Path baseDir) throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBaseDirectory(baseDir)
                        .build();
        KafkaClusterTestKit cluster =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("auto.create.topics.enable", "false")
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaTestBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Admin, producer and consumer properties that reach this broker. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    public Admin admin() {
        return Admin.create(clientProperties());
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** A producer of raw bytes that waits for the broker's ack ({@code acks=all}). */
    public KafkaProducer<byte[], byte[]> producer() {
        Properties p = clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Sends one record with a UTF-8 key and value and waits for the ack. */
    public void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(
                            new ProducerRecord<>(
                                    topic,
                                    key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                                    value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The offsets the consumer group has committed, per partition (empty if none). */
    public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId)
            throws Exception {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** The end offset of each partition of {@code topic}. */
    public Map<TopicPartition, Long> endOffsets(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> req = new java.util.HashMap<>();
            for (int i = 0; i < partitions; i++) {
                req.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> out = new java.util.HashMap<>();
            admin.listOffsets(req)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
