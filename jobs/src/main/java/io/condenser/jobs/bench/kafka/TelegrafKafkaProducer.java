package io.condenser.jobs.bench.kafka;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What Telegraf's {@code outputs.kafka} does with its metrics, as a process of its own: reads line
 * protocol from standard input (the load generator's {@code --target -}) and writes one record per
 * line (Telegraf serializes each metric into its own message, {@code data_format = "influx"}),
 * keyed by the {@code host} tag ({@code routing_tag = "host"}), timestamped with the metric's time
 * ({@code producer_timestamp = "metric"}), with the producer settings of Telegraf's defaults:
 * {@code required_acks = -1} (acks=all), {@code max_retry = 3}, {@code idempotent_writes = false},
 * {@code max_message_bytes = 1000000}, the named {@code compression_codec}. Like Telegraf's
 * synchronous producer it sends a batch ({@code metric_batch_size}, 1000 by default) and waits
 * until every record of it is acknowledged before the next; records whose send failed are sent
 * again.
 *
 * <pre>
 * ... LineProtocolLoadGenerator --target - ... | java ... TelegrafKafkaProducer \
 *     --bootstrap-servers 127.0.0.1:9092 --topic telegraf --compression none --agents 2
 * </pre>
 *
 * Prints what it produced to standard output at the end.
 */
public final class TelegrafKafkaProducer {

    /** Telegraf's {@code metric_batch_size} default. */
    public static final int DEFAULT_BATCH = 1000;

    /** Telegraf's {@code max_message_bytes} default. */
    public static final int MAX_MESSAGE_BYTES = 1_000_000;

    /** Kafka's compression types this jar can write and the job's Kafka source can read. */
    public static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy");

    private static final byte[] HOST_TAG = ",host=".getBytes(StandardCharsets.US_ASCII);

    private final List<KafkaProducer<byte[], byte[]>> producers = new ArrayList<>();
    private final String topic;
    private final int batch;
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();

    TelegrafKafkaProducer(Properties props, String topic, int batch, int agents) {
        for (int i = 0; i < agents; i++) {
            Properties p = new Properties();
            p.putAll(props);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "Telegraf-" + i);
            producers.add(new KafkaProducer<>(p));
        }
        this.topic = topic;
        this.batch = batch;
    }

    /** Telegraf's producer defaults in Kafka client terms. */
    public static Properties telegrafDefaults(String bootstrap, String compression) {
        if (!COMPRESSIONS.contains(compression)) {
            throw new IllegalArgumentException(
                    "compression must be one of " + COMPRESSIONS + ", got " + compression);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "Telegraf");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.RETRIES_CONFIG, "3");
        p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "100");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        // sarama sends whatever is queued at once: no linger, one batch per partition and flush
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(MAX_MESSAGE_BYTES));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (!a.containsKey("bootstrap-servers") || !a.containsKey("topic")) {
            System.err.println(
                    "usage: TelegrafKafkaProducer --bootstrap-servers HOST:PORT --topic T"
                            + " [--compression none|gzip|snappy] [--batch 1000] [--agents 1]");
            System.exit(2);
        }
        TelegrafKafkaProducer p =
                new TelegrafKafkaProducer(
                        telegrafDefaults(
                                a.get("bootstrap-servers"), a.getOrDefault("compression", "none")),
                        a.get("topic"),
                        Integer.parseInt(a.getOrDefault("batch", Integer.toString(DEFAULT_BATCH))),
                        Integer.parseInt(a.getOrDefault("agents", "1")));
        try {
            p.run(new BufferedInputStream(System.in, 1 << 16));
        } finally {
            p.producers.forEach(KafkaProducer::close);
        }
        System.out.printf(
                "produced %d records (%d bytes of line protocol), %d sent again, %d failed for good%n",
                p.records.get(), p.bytes.get(), p.resent.get(), p.failed.get());
    }

    /**
     * Reads lines until end of input and hands each to the agent of its host; each agent sends what
     * it has (up to a batch), waits for it, and takes the next.
     */
    void run(InputStream in) throws IOException, InterruptedException {
        List<BlockingQueue<byte[]>> queues = new ArrayList<>();
        List<Thread> agents = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (KafkaProducer<byte[], byte[]> producer : producers) {
            BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(4 * batch);
            queues.add(queue);
            Thread t =
                    new Thread(
                            () -> {
                                try {
                                    agent(producer, queue);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "telegraf-agent-" + agents.size());
            t.start();
            agents.add(t);
        }
        try {
            readLines(in, queues);
        } finally {
            for (BlockingQueue<byte[]> q : queues) {
                q.put(END);
            }
            for (Thread t : agents) {
                t.join();
            }
        }
        if (failure.get() != null) {
            throw new IOException("an agent failed", failure.get());
        }
    }

    private static final byte[] END = new byte[0];

    private void agent(KafkaProducer<byte[], byte[]> producer, BlockingQueue<byte[]> queue)
            throws InterruptedException {
        List<byte[]> lines = new ArrayList<>(batch);
        while (true) {
            byte[] first = queue.take();
            if (first == END) {
                return;
            }
            lines.add(first);
            queue.drainTo(lines, batch - 1);
            boolean end = lines.get(lines.size() - 1) == END;
            if (end) {
                lines.remove(lines.size() - 1);
            }
            send(producer, lines);
            lines = new ArrayList<>(batch);
            if (end) {
                return;
            }
        }
    }

    private void readLines(InputStream in, List<BlockingQueue<byte[]>> queues)
            throws IOException, InterruptedException {
        byte[] buf = new byte[1 << 16];
        byte[] carry = new byte[0]; // a line cut by the end of the previous read
        int n;
        while ((n = in.read(buf)) > 0) {
            int from = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] != '\n') {
                    continue;
                }
                byte[] l = new byte[carry.length + i + 1 - from];
                System.arraycopy(carry, 0, l, 0, carry.length);
                System.arraycopy(buf, from, l, carry.length, i + 1 - from);
                carry = new byte[0];
                from = i + 1;
                queues.get(agentOf(l, queues.size())).put(l);
            }
            if (from < n) {
                byte[] c = Arrays.copyOf(carry, carry.length + n - from);
                System.arraycopy(buf, from, c, carry.length, n - from);
                carry = c;
            }
        }
    }

    /** The agent a line's host belongs to (lines without a host: the first). */
    static int agentOf(byte[] line, int agents) {
        byte[] host = hostKey(line);
        return host == null ? 0 : Math.floorMod(Arrays.hashCode(host), agents);
    }

    /** Sends every line, waits for all acknowledgements, sends the failed ones again (bounded). */
    private void send(KafkaProducer<byte[], byte[]> producer, List<byte[]> lines)
            throws InterruptedException {
        for (byte[] l : lines) {
            bytes.addAndGet(l.length);
        }
        List<byte[]> pending = lines;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            List<byte[]> failedNow = java.util.Collections.synchronizedList(new ArrayList<>());
            for (byte[] l : pending) {
                producer.send(
                        new ProducerRecord<>(topic, null, timestampMs(l), hostKey(l), l),
                        (meta, e) -> {
                            if (e != null) {
                                failedNow.add(l);
                            }
                        });
            }
            producer.flush();
            records.addAndGet(pending.size() - failedNow.size());
            if (failedNow.isEmpty()) {
                return;
            }
            if (attempt >= 60) {
                failed.addAndGet(failedNow.size());
                return;
            }
            resent.addAndGet(failedNow.size());
            pending = new ArrayList<>(failedNow);
            Thread.sleep(1000); // Telegraf retries an unwritten batch at its next flush
        }
    }

    /** The {@code host} tag's value, the record key; null (a random partition) without one. */
    static byte[] hostKey(byte[] line) {
        int at = indexOf(line, HOST_TAG);
        if (at < 0) {
            return null;
        }
        int from = at + HOST_TAG.length;
        int to = from;
        while (to < line.length && line[to] != ',' && line[to] != ' ') {
            to++;
        }
        return Arrays.copyOfRange(line, from, to);
    }

    /** The line's own timestamp (the last field, nanoseconds) in ms; null when it has none. */
    static Long timestampMs(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        int start = end;
        while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9') {
            start--;
        }
        if (start == end || start == 0 || line[start - 1] != ' ') {
            return null;
        }
        long ns = Long.parseLong(new String(line, start, end - start, StandardCharsets.US_ASCII));
        return ns / 1_000_000;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (hay[i] == ' ') {
                return -1; // tags end at the first unescaped space (the generator escapes none)
            }
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
