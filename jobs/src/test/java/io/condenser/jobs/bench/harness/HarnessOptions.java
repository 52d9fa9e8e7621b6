package io.condenser.jobs.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PipelineBenchmarkHarness}'s arguments, {@code name=value} each, every one optional; any
 * {@code flink.<key>=<value>} is passed to the MiniCluster's configuration.
 */
record BenchOptions(
        int series,
        List<Integer> rules,
        int parallelism,
        int warmupS,
        int measureS,
        String interval,
        Duration checkpoint,
        boolean fleetCountSeries,
        Map<String, String> flink,
        Traffic source,
        Output sink) {

    /** Where the samples come from. */
    enum Traffic {
        /** In-process {@code DataGeneratorSource} ({@link TelegrafTrafficGenerator}). */
        GENERATOR,
        /**
         * The load generator over TCP into the production direct source ({@link DirectTraffic}).
         */
        DIRECT
    }

    /** Where the job's output goes. */
    enum Output {
        /** {@link LatencySink}: recorded and dropped. */
        DISCARD,
        /** The remote-write sink into a local Prometheus ({@link BenchSinks}). */
        PROMETHEUS
    }

    static BenchOptions parse(String... args) {
        int series = 100_000;
        List<Integer> rules = List.of(10, 5000);
        int parallelism = 2;
        int warmup = 20;
        int measure = 40;
        String interval = "10s";
        Duration checkpoint = Duration.ofSeconds(10);
        boolean fleetCountSeries = true;
        Map<String, String> flink = new TreeMap<>();
        Traffic source = Traffic.GENERATOR;
        Output sink = Output.DISCARD;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected name=value, got " + a);
            }
            if (kv[0].startsWith("flink.")) {
                flink.put(kv[0].substring("flink.".length()), kv[1]);
                continue;
            }
            switch (kv[0]) {
                case "series" -> series = Integer.parseInt(kv[1]);
                case "rules" ->
                        rules = Arrays.stream(kv[1].split(",")).map(Integer::parseInt).toList();
                case "parallelism" -> parallelism = Integer.parseInt(kv[1]);
                case "warmup" -> warmup = Integer.parseInt(kv[1]);
                case "measure" -> measure = Integer.parseInt(kv[1]);
                case "interval" -> interval = kv[1];
                case "checkpoint" ->
                        checkpoint = Duration.ofSeconds(Long.parseLong(kv[1].replace("s", "")));
                case "fleetCountSeries" -> fleetCountSeries = Boolean.parseBoolean(kv[1]);
                case "source" -> source = choice(Traffic.class, kv);
                case "sink" -> sink = choice(Output.class, kv);
                default -> throw new IllegalArgumentException("unknown option " + kv[0]);
            }
        }
        return new BenchOptions(
                series,
                rules,
                parallelism,
                warmup,
                measure,
                interval,
                checkpoint,
                fleetCountSeries,
                flink,
                source,
                sink);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String[] kv) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(kv[1])) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                kv[0]
                        + " must be one of "
                        + Arrays.toString(type.getEnumConstants())
                                .toLowerCase(java.util.Locale.ROOT)
                        + ", got "
                        + kv[1]);
    }
}
