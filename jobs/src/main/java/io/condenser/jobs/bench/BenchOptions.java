package io.condenser.jobs.bench;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.bench.kafka.TelegrafKafkaProducer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One benchmark run's settings, validated: what {@code ./condenser bench} parsed.
 *
 * @param paths the paths to run, one after the other, in this order
 * @param protocol how the generator reaches the direct source (and VictoriaMetrics)
 * @param ack the direct source's HTTP acknowledgement mode
 * @param sink where the job's output goes
 * @param series active series the generator sends (rounded up to whole hosts)
 * @param mix the generator's line mix
 * @param rate samples per second over all connections, 0 for as fast as accepted
 * @param rules a rules file, or null for the ten bench rules
 * @param duration how long traffic runs after the warm-up (the measured part)
 * @param warmup traffic before the measurement starts (JIT, caches, first windows)
 * @param parallelism the job's parallelism (and the TaskManager's slots)
 * @param connections generator connections (agents), 0 for the protocol's default
 * @param checkpointInterval the job's checkpoint interval
 * @param killTaskManager how many times the TaskManager is killed during the measurement
 * @param out where CSV, SVG, logs and the summary go
 * @param kafkaPartitions partitions of the metrics topic, 0 for one per job subtask
 * @param compression the Kafka producer's compression codec
 * @param jobConfig a job configuration file passed to the job (the benchmark sets source, rules,
 *     remote-write and checkpoints itself), or null
 * @param replicationFactor the Kafka replication factor the cost model assumes
 * @param retention the Kafka retention the cost model assumes
 */
public record BenchOptions(
        List<BenchPath> paths,
        Protocol protocol,
        AckMode ack,
        Sink sink,
        int series,
        LineProtocolLoadGenerator.Mix mix,
        long rate,
        Path rules,
        Duration duration,
        Duration warmup,
        int parallelism,
        int connections,
        Duration checkpointInterval,
        int killTaskManager,
        Path out,
        int kafkaPartitions,
        String compression,
        Path jobConfig,
        int replicationFactor,
        Duration retention) {

    /** How samples reach the direct source. */
    public enum Protocol {
        TCP,
        HTTP;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the job writes. */
    public enum Sink {
        /** The benchmark's own remote-write receiver: recorded, then dropped. */
        DISCARD,
        /** A real Prometheus (remote-write receiver on) started for the run. */
        PROMETHEUS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int DEFAULT_SERIES = 100_000;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(20);
    public static final int DEFAULT_PARALLELISM = 2;
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);
    public static final Path DEFAULT_OUT = Path.of("target", "bench");
    public static final int DEFAULT_REPLICATION_FACTOR = 3;
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    /** HTTP clients per job subtask when every request waits for a checkpoint. */
    static final int ON_CHECKPOINT_CONNECTIONS_PER_SUBTASK = 32;

    public BenchOptions {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("--paths must name at least one path");
        }
        if (paths.stream().distinct().count() != paths.size()) {
            throw new IllegalArgumentException("--paths names a path twice: " + paths);
        }
        require(series >= 1, "--series must be >= 1, got " + series);
        require(rate >= 0, "--rate must be >= 0 (0: as fast as accepted), got " + rate);
        require(positive(duration), "--duration must be > 0, got " + duration);
        require(warmup != null && !warmup.isNegative(), "--warmup must be >= 0, got " + warmup);
        require(
                parallelism >= 1 && parallelism <= 64,
                "--parallelism must be in 1..64, got " + parallelism);
        require(connections >= 0, "--connections must be >= 0 (0: default), got " + connections);
        require(
                checkpointInterval != null && checkpointInterval.toMillis() >= 100,
                "--checkpoint-interval must be >= 100ms, got " + checkpointInterval);
        require(killTaskManager >= 0, "--kill-taskmanager must be >= 0, got " + killTaskManager);
        require(
                killTaskManager == 0 || paths.stream().anyMatch(p -> p != BenchPath.PEER),
                "--kill-taskmanager needs a path with a job (direct or kafka)");
        require(kafkaPartitions >= 0, "--kafka-partitions must be >= 0, got " + kafkaPartitions);
        require(
                TelegrafKafkaProducer.COMPRESSIONS.contains(compression),
                "--compression must be one of "
                        + TelegrafKafkaProducer.COMPRESSIONS
                        + ", got "
                        + compression);
        require(
                replicationFactor >= 1,
                "--replication-factor must be >= 1, got " + replicationFactor);
        require(positive(retention), "--retention must be > 0, got " + retention);
        if (protocol == Protocol.TCP && ack == AckMode.ON_CHECKPOINT) {
            throw new IllegalArgumentException(
                    "--ack on-checkpoint needs --protocol http (TCP acknowledges nothing)");
        }
        java.util.Objects.requireNonNull(sink, "sink");
        java.util.Objects.requireNonNull(mix, "mix");
        java.util.Objects.requireNonNull(out, "out");
    }

    /**
     * Generator connections: as given, else one per job subtask (each direct-source reader gets
     * one, so none holds the watermark back), or with on-checkpoint acknowledgement enough
     * concurrent requests to keep data flowing while each waits for a checkpoint.
     */
    public int effectiveConnections() {
        if (connections > 0) {
            return connections;
        }
        if (protocol == Protocol.HTTP && ack == AckMode.ON_CHECKPOINT) {
            return parallelism * ON_CHECKPOINT_CONNECTIONS_PER_SUBTASK;
        }
        return parallelism;
    }

    /** Hosts per connection so that connections × hosts × series per host ≥ {@link #series}. */
    public int hostsPerConnection() {
        long perConnection = (long) effectiveConnections() * mix.seriesPerHost();
        return (int) Math.max(1, (series + perConnection - 1) / perConnection);
    }

    /** The series the generator really sends. */
    public long generatedSeries() {
        return (long) effectiveConnections() * hostsPerConnection() * mix.seriesPerHost();
    }

    public int effectiveKafkaPartitions() {
        return kafkaPartitions > 0 ? kafkaPartitions : parallelism;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
