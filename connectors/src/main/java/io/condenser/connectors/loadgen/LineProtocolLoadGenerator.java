package io.condenser.connectors.loadgen;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Writes Telegraf-shaped line protocol ({@code cpu,cpu=cpu3,host=host-17 usage_user=..,
 * usage_system=..,usage_idle=.. <ns>}, three samples per line; or with {@code --mix telegraf} five
 * Telegraf inputs, see {@link Mix}) to a Condenser direct source (or anything that speaks Influx
 * line protocol) over N TCP connections or HTTP {@code /write}, or to standard output ({@code
 * --target -}, e.g. piped into a Kafka producer), at a target rate or as fast as it is accepted,
 * for a bounded time.
 *
 * <pre>
 * java -cp condenser.jar io.condenser.connectors.loadgen.LineProtocolLoadGenerator \
 *     --target tcp://127.0.0.1:8094 --connections 4 --rate 100000 --duration 30s
 * java -cp condenser.jar io.condenser.connectors.loadgen.LineProtocolLoadGenerator \
 *     --target http://127.0.0.1:8086/write --connections 2 --batch 1000 --gzip
 * </pre>
 *
 * Like a Telegraf output it retries what was not acknowledged (HTTP: no answer, 5xx, 429; TCP: a
 * failed write, on a new connection) until {@code --give-up-after} past the duration. {@code
 * --batch-log FILE} records every batch ({@link BatchLog}); {@link LoadGeneratorBatches} rebuilds
 * the bytes from it.
 */
public final class LineProtocolLoadGenerator {

    /** Samples per line of the {@link Mix#CPU} mix: the three cpu fields. */
    public static final int SAMPLES_PER_LINE = 3;

    /** How long past the duration an unacknowledged batch is still retried, by default. */
    public static final Duration DEFAULT_GIVE_UP_AFTER = Duration.ofSeconds(30);

    /** The target that means standard output. */
    public static final URI STDOUT = URI.create("stdout:-");

    /** What the lines look like. */
    public enum Mix {
        /** Telegraf's cpu input: 8 cpus × 3 fields, 24 series per host. */
        CPU(24),
        /**
         * Five Telegraf inputs, 100 series per host in 50 lines: cpu (10 cpus × 4 fields), disk (10
         * paths, used_percent), diskio (10 devices, read/write bytes counters), net (10 interfaces,
         * bytes recv/sent counters) and http (10 codes, a requests_total counter); every series has
         * host and region labels.
         */
        TELEGRAF(100);

        private final int seriesPerHost;

        Mix(int seriesPerHost) {
            this.seriesPerHost = seriesPerHost;
        }

        public int seriesPerHost() {
            return seriesPerHost;
        }
    }

    private final Options options;
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    public LineProtocolLoadGenerator(Options options) {
        this.options = options;
    }

    /** What one run did. */
    public record Result(
            long lines,
            long samples,
            long bytes,
            double seconds,
            Map<Integer, Long> httpStatuses,
            long retries,
            long abandonedBatches) {

        public double samplesPerSecond() {
            return samples() / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "sent %d lines (%d samples, %.1f MB) in %.1f s: %.0f samples/s%s%s",
                    lines,
                    samples(),
                    bytes / 1e6,
                    seconds,
                    samplesPerSecond(),
                    httpStatuses.isEmpty() ? "" : ", HTTP statuses " + httpStatuses,
                    retries == 0 && abandonedBatches == 0
                            ? ""
                            : ", "
                                    + retries
                                    + " retries, "
                                    + abandonedBatches
                                    + " batches given up");
        }
    }

    /**
     * @param target {@code tcp://host:port}, {@code http(s)://host:port/write} or {@link #STDOUT}
     * @param rate target samples per second over all connections, 0 for as fast as possible
     * @param maxLines stop after this many lines in total (0: no limit), or when the duration ends
     * @param batchLog where to record every batch, or null
     * @param giveUpAfter how long past the duration an unacknowledged batch is still retried
     */
    public record Options(
            URI target,
            int connections,
            long rate,
            Duration duration,
            int batchLines,
            int hosts,
            boolean gzip,
            long maxLines,
            Mix mix,
            Path batchLog,
            Duration giveUpAfter) {

        /** The {@link Mix#CPU} mix. */
        public Options(
                URI target,
                int connections,
                long rate,
                Duration duration,
                int batchLines,
                int hosts,
                boolean gzip,
                long maxLines) {
            this(target, connections, rate, duration, batchLines, hosts, gzip, maxLines, Mix.CPU);
        }

        /** No batch log, the default give-up time. */
        public Options(
                URI target,
                int connections,
                long rate,
                Duration duration,
                int batchLines,
                int hosts,
                boolean gzip,
                long maxLines,
                Mix mix) {
            this(
                    target,
                    connections,
                    rate,
                    duration,
                    batchLines,
                    hosts,
                    gzip,
                    maxLines,
                    mix,
                    null,
                    DEFAULT_GIVE_UP_AFTER);
        }

        public Options {
            if (!List.of("tcp", "http", "https", "stdout").contains(target.getScheme())) {
                throw new IllegalArgumentException(
                        "target must be tcp://, http://, https:// or -, got " + target);
            }
            if (connections < 1 || batchLines < 1 || hosts < 1 || rate < 0) {
                throw new IllegalArgumentException(
                        "connections, batch and hosts must be >= 1 and rate >= 0");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be > 0, got " + duration);
            }
            if (giveUpAfter == null || giveUpAfter.isNegative()) {
                throw new IllegalArgumentException(
                        "give-up-after must be >= 0, got " + giveUpAfter);
            }
        }

        public static Options parse(String... args) {
            Map<String, String> a = new TreeMap<>();
            for (int i = 0; i < args.length; i++) {
                String k = args[i];
                if (!k.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument '" + k + "'");
                }
                if (k.equals("--gzip")) {
                    a.put("gzip", "true");
                } else if (i + 1 < args.length) {
                    a.put(k.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException(k + " needs a value");
                }
            }
            String target = a.getOrDefault("target", "tcp://127.0.0.1:8094");
            return new Options(
                    target.equals("-") ? STDOUT : URI.create(target),
                    Integer.parseInt(a.getOrDefault("connections", "1")),
                    Long.parseLong(a.getOrDefault("rate", "0")),
                    duration(a.getOrDefault("duration", "10s")),
                    Integer.parseInt(a.getOrDefault("batch", "1000")),
                    Integer.parseInt(a.getOrDefault("hosts", "100")),
                    Boolean.parseBoolean(a.getOrDefault("gzip", "false")),
                    Long.parseLong(a.getOrDefault("max-lines", "0")),
                    Mix.valueOf(a.getOrDefault("mix", "cpu").toUpperCase(java.util.Locale.ROOT)),
                    a.containsKey("batch-log") ? Path.of(a.get("batch-log")) : null,
                    a.containsKey("give-up-after")
                            ? duration(a.get("give-up-after"))
                            : DEFAULT_GIVE_UP_AFTER);
        }

        private static Duration duration(String text) {
            return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
        }

        /** The same options with a batch log. */
        public Options withBatchLog(Path file) {
            return new Options(
                    target,
                    connections,
                    rate,
                    duration,
                    batchLines,
                    hosts,
                    gzip,
                    maxLines,
                    mix,
                    file,
                    giveUpAfter);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println(
                    "usage: LineProtocolLoadGenerator [--target tcp://host:8094 |"
                            + " http://host:8086/write | -] [--connections 1] [--rate"
                            + " samples_per_s, 0=max] [--duration 10s] [--batch 1000] [--hosts 100]"
                            + " [--gzip] [--max-lines 0] [--mix cpu|telegraf] [--batch-log FILE]"
                            + " [--give-up-after 30s]\n"
                            + e.getMessage());
            System.exit(2);
            return;
        }
        Result result = new LineProtocolLoadGenerator(options).run();
        // with --target - standard output carries the lines
        (options.target().equals(STDOUT) ? System.err : System.out).println(result);
    }

    public Result run() throws Exception {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        long giveUp = end + options.giveUpAfter().toNanos();
        OutputStream stdout =
                options.target().equals(STDOUT)
                        ? new BufferedOutputStream(
                                new FileOutputStream(FileDescriptor.out), 1 << 16)
                        : null;
        ExecutorService pool = Executors.newFixedThreadPool(options.connections());
        try (BatchLog log =
                options.batchLog() == null ? null : BatchLog.create(options.batchLog())) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < options.connections(); c++) {
                int worker = c;
                workers.add(
                        pool.submit(
                                () -> {
                                    try (BatchSender sender = sender(stdout)) {
                                        work(worker, sender, log, end, giveUp);
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            if (stdout != null) {
                stdout.flush();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> codes = new TreeMap<>();
        statuses.forEach((k, v) -> codes.put(k, v.get()));
        return new Result(
                lines.get(),
                samples.get(),
                bytes.get(),
                seconds,
                codes,
                retries.get(),
                abandoned.get());
    }

    private BatchSender sender(OutputStream stdout) throws IOException {
        return switch (options.target().getScheme()) {
            case "tcp" -> new TcpBatchSender(options.target());
            case "stdout" -> new StreamBatchSender(stdout);
            default -> new HttpBatchSender(options.target(), options.gzip(), statuses);
        };
    }

    private void work(int worker, BatchSender sender, BatchLog log, long endNanos, long giveUp)
            throws Exception {
        long perConnectionRate = options.rate() / options.connections();
        // the telegraf mix averages 2 samples per line
        long samplesPerBatch =
                options.batchLines() * (options.mix() == Mix.CPU ? SAMPLES_PER_LINE : 2L);
        long nanosPerBatch =
                perConnectionRate == 0 ? 0 : samplesPerBatch * 1_000_000_000L / perConnectionRate;
        LoadGeneratorBatches batches = new LoadGeneratorBatches(worker, options);
        long next = System.nanoTime();
        long retriesBefore = 0;
        for (long seq = 0; System.nanoTime() < endNanos && !limitReached(); seq++) {
            long created = System.currentTimeMillis();
            byte[] body = batches.batch(seq, created);
            int batchSamples = batches.lastSamples();
            // TCP: one gzip member per batch (socket_writer gzips each write); HTTP: the body
            byte[] payload = options.gzip() ? gzip(body) : body;
            long done = sender.send(payload, giveUp);
            if (log != null) {
                log.append(
                        new BatchLog.Entry(worker, seq, created, done, batchSamples, body.length));
            }
            retries.addAndGet(sender.retries() - retriesBefore);
            retriesBefore = sender.retries();
            if (done < 0) {
                abandoned.incrementAndGet();
            }
            lines.addAndGet(options.batchLines());
            samples.addAndGet(batchSamples);
            bytes.addAndGet(body.length);
            if (nanosPerBatch > 0) {
                next += nanosPerBatch;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        }
    }

    private boolean limitReached() {
        return options.maxLines() > 0 && lines.get() >= options.maxLines();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }
}
