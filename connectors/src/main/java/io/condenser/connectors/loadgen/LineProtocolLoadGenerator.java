package io.condenser.connectors.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * line protocol) over N TCP connections or HTTP {@code /write}, at a target rate or as fast as it
 * is accepted, for a bounded time.
 *
 * <pre>
 * java -cp condenser.jar io.condenser.connectors.loadgen.LineProtocolLoadGenerator \
 *     --target tcp://127.0.0.1:8094 --connections 4 --rate 100000 --duration 30s
 * java -cp condenser.jar io.condenser.connectors.loadgen.LineProtocolLoadGenerator \
 *     --target http://127.0.0.1:8086/write --connections 2 --batch 1000 --gzip
 * </pre>
 *
 * HTTP 503 answers are retried after a short pause (as Telegraf does), other non-2xx are counted.
 */
public final class LineProtocolLoadGenerator {

    /** Samples per line of the {@link Mix#CPU} mix: the three cpu fields. */
    public static final int SAMPLES_PER_LINE = 3;

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
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

    public LineProtocolLoadGenerator(Options options) {
        this.options = options;
    }

    /** What one run did. */
    public record Result(
            long lines, long samples, long bytes, double seconds, Map<Integer, Long> httpStatuses) {

        public double samplesPerSecond() {
            return samples() / seconds;
        }

        @Override
        public String toString() {
            return String.format(
                    "sent %d lines (%d samples, %.1f MB) in %.1f s: %.0f samples/s%s",
                    lines,
                    samples(),
                    bytes / 1e6,
                    seconds,
                    samplesPerSecond(),
                    httpStatuses.isEmpty() ? "" : ", HTTP statuses " + httpStatuses);
        }
    }

    /**
     * @param target {@code tcp://host:port} or {@code http(s)://host:port/write}
     * @param rate target samples per second over all connections, 0 for as fast as possible
     * @param maxLines stop after this many lines in total (0: no limit), or when the duration ends
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
            Mix mix) {

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

        public Options {
            if (!List.of("tcp", "http", "https").contains(target.getScheme())) {
                throw new IllegalArgumentException(
                        "target must be tcp://, http:// or https://, got " + target);
            }
            if (connections < 1 || batchLines < 1 || hosts < 1 || rate < 0) {
                throw new IllegalArgumentException(
                        "connections, batch and hosts must be >= 1 and rate >= 0");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be > 0, got " + duration);
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
            return new Options(
                    URI.create(a.getOrDefault("target", "tcp://127.0.0.1:8094")),
                    Integer.parseInt(a.getOrDefault("connections", "1")),
                    Long.parseLong(a.getOrDefault("rate", "0")),
                    Duration.parse("PT" + a.getOrDefault("duration", "10s").toUpperCase()),
                    Integer.parseInt(a.getOrDefault("batch", "1000")),
                    Integer.parseInt(a.getOrDefault("hosts", "100")),
                    Boolean.parseBoolean(a.getOrDefault("gzip", "false")),
                    Long.parseLong(a.getOrDefault("max-lines", "0")),
                    Mix.valueOf(a.getOrDefault("mix", "cpu").toUpperCase(java.util.Locale.ROOT)));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (RuntimeException e) {
            System.err.println(
                    "usage: LineProtocolLoadGenerator [--target tcp://host:8094 |"
                            + " http://host:8086/write] [--connections 1] [--rate"
                            + " samples_per_s, 0=max] [--duration 10s] [--batch 1000] [--hosts 100]"
                            + " [--gzip] [--max-lines 0] [--mix cpu|telegraf]\n"
                            + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(new LineProtocolLoadGenerator(options).run());
    }

    public Result run() throws Exception {
        long start = System.nanoTime();
        long end = start + options.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(options.connections());
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < options.connections(); c++) {
                int worker = c;
                workers.add(
                        pool.submit(
                                () -> {
                                    work(worker, end);
                                    return null;
                                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> codes = new TreeMap<>();
        statuses.forEach((k, v) -> codes.put(k, v.get()));
        return new Result(lines.get(), samples.get(), bytes.get(), seconds, codes);
    }

    private void work(int worker, long endNanos) throws Exception {
        boolean tcp = options.target().getScheme().equals("tcp");
        long perConnectionRate = options.rate() / options.connections();
        // the telegraf mix averages 2 samples per line
        long samplesPerBatch =
                options.batchLines() * (options.mix() == Mix.CPU ? SAMPLES_PER_LINE : 2L);
        long nanosPerBatch =
                perConnectionRate == 0 ? 0 : samplesPerBatch * 1_000_000_000L / perConnectionRate;
        LoadGeneratorBatches batches = new LoadGeneratorBatches(worker, options);
        Socket socket = null;
        OutputStream out = null;
        HttpClient http = null;
        if (tcp) {
            socket = new Socket();
            socket.connect(
                    new InetSocketAddress(options.target().getHost(), options.target().getPort()),
                    5000);
            out = socket.getOutputStream();
        } else {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        try {
            long next = System.nanoTime();
            while (System.nanoTime() < endNanos && !limitReached()) {
                byte[] body = batches.next();
                if (tcp) {
                    out.write(options.gzip() ? gzip(body) : body);
                } else {
                    post(http, body);
                }
                lines.addAndGet(options.batchLines());
                samples.addAndGet(batches.lastSamples());
                bytes.addAndGet(body.length);
                if (nanosPerBatch > 0) {
                    next += nanosPerBatch;
                    long sleep = next - System.nanoTime();
                    if (sleep > 0) {
                        Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                    }
                }
            }
            if (out != null) {
                out.flush();
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    private boolean limitReached() {
        return options.maxLines() > 0 && lines.get() >= options.maxLines();
    }

    private void post(HttpClient http, byte[] body) throws IOException, InterruptedException {
        byte[] payload = options.gzip() ? gzip(body) : body;
        for (int attempt = 0; attempt < 1000; attempt++) {
            HttpRequest.Builder req =
                    HttpRequest.newBuilder(options.target())
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            if (options.gzip()) {
                req.header("Content-Encoding", "gzip");
            }
            int status =
                    http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            if (status != 503) {
                return;
            }
            Thread.sleep(10);
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }
}
