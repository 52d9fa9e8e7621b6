package io.condenser.jobs.bench.harness;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link PipelineBenchmarkHarness}'s arguments, {@code name=value} each, every one optional; any
 * {@code flink.<key>=<value>} is passed to the MiniCluster's configuration.
 */
record HarnessOptions(
        int series,
        List<Integer> rules,
        int parallelism,
        int warmupS,
        int measureS,
        String interval,
        Duration checkpoint,
        boolean fleetCountSeries,
        Map<String, String> flink) {

    static HarnessOptions parse(String... args) {
        int series = 100_000;
        List<Integer> rules = List.of(10, 5000);
        int parallelism = 2;
        int warmup = 20;
        int measure = 40;
        String interval = "10s";
        Duration checkpoint = Duration.ofSeconds(10);
        boolean fleetCountSeries = true;
        Map<String, String> flink = new TreeMap<>();
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
                case "source", "sink" ->
                        throw new IllegalArgumentException(
                                kv[0]
                                        + " is gone from the harness: ./condenser bench measures the"
                                        + " direct, Kafka and Prometheus paths (docs/comparison.md)");
                default -> throw new IllegalArgumentException("unknown option " + kv[0]);
            }
        }
        return new HarnessOptions(
                series,
                rules,
                parallelism,
                warmup,
                measure,
                interval,
                checkpoint,
                fleetCountSeries,
                flink);
    }
}
