package io.condenser.jobs.cli;

import io.condenser.connectors.direct.AckMode;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.bench.BenchOptions;
import io.condenser.jobs.bench.BenchPath;
import io.condenser.jobs.bench.BenchRun;
import io.condenser.rules.parse.DurationParser;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./condenser bench}: the direct path against the Kafka path (and VictoriaMetrics as the
 * ingest peer), measured on this machine with the same generated traffic; see docs/comparison.md.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure the ingestion paths with the same generated Telegraf-shaped traffic, one after"
                    + " the other: direct (load generator -> the job's direct source), kafka (a"
                    + " Telegraf-style Kafka producer -> a KRaft broker -> the job's Kafka source) and"
                    + " peer (VictoriaMetrics' Influx ingest, no aggregation).",
            "Each job runs on a standalone Flink cluster started with scripts/flink-cluster.sh;"
                    + " every output is compared with the reference evaluator fed the same samples.",
            "Prints one RESULT line per path, a table and a cost model; writes CSV and SVG plots to"
                    + " --out.",
            "Example: ./condenser bench --paths direct,kafka --duration 60s"
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:every path ran", "1:a path could not run", "2:usage error"})
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--paths",
            split = ",",
            paramLabel = "PATH",
            description =
                    "direct, kafka, peer (default: all; peer when victoria-metrics is on the PATH).")
    List<String> paths;

    @Option(
            names = "--protocol",
            paramLabel = "tcp|http",
            defaultValue = "tcp",
            description =
                    "How the generator writes to the direct source and VictoriaMetrics: line protocol"
                            + " over TCP, or HTTP /write (default: ${DEFAULT-VALUE}).")
    String protocol;

    @Option(
            names = "--ack",
            paramLabel = "on-receive|on-checkpoint",
            defaultValue = "on-receive",
            description =
                    "The direct source's HTTP acknowledgement (default: ${DEFAULT-VALUE}, the job's"
                            + " default); on-checkpoint answers once the samples are in a checkpoint.")
    String ack;

    @Option(
            names = "--sink",
            paramLabel = "discard|prometheus",
            defaultValue = "discard",
            description =
                    "Where the job writes (remote write): the benchmark's own receiver, or a real"
                            + " Prometheus started for the run (default: ${DEFAULT-VALUE}).")
    String sink;

    @Option(
            names = "--series",
            paramLabel = "N",
            defaultValue = "100000",
            description = "Active series (rounded up to whole hosts; default: ${DEFAULT-VALUE}).")
    int series;

    @Option(
            names = "--mix",
            paramLabel = "telegraf|cpu",
            defaultValue = "telegraf",
            description =
                    "The generator's lines: five Telegraf inputs, 100 series per host, or the cpu"
                            + " input alone (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(
            names = "--rate",
            paramLabel = "SAMPLES_PER_S",
            defaultValue = "0",
            description = "Traffic rate over all connections; 0: as fast as accepted (default).")
    long rate;

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "A rules file (default: the ten bench rules, docs/comparison.md).")
    Path rules;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            defaultValue = "60s",
            description =
                    "Measured traffic per path, after the warm-up (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "Traffic before the measurement starts (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "2",
            description = "The job's parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--kill-taskmanager",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "kill -9 the TaskManager N times during the measurement and restart it; reports"
                            + " what was lost, counted twice, and the recovery time (default: 0).")
    int killTaskManager;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/bench",
            description = "Results, CSV, SVG plots and logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--connections",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Generator connections (agents); 0: one per job subtask, 32 per subtask with"
                            + " --ack on-checkpoint (default: 0).")
    int connections;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "The job's checkpoint interval (default: ${DEFAULT-VALUE}).")
    String checkpointInterval;

    @Option(
            names = "--kafka-partitions",
            paramLabel = "N",
            defaultValue = "0",
            description = "Partitions of the metrics topic; 0: one per job subtask (default: 0).")
    int kafkaPartitions;

    @Option(
            names = "--compression",
            paramLabel = "none|gzip|snappy",
            defaultValue = "none",
            description =
                    "The Kafka producer's compression (default: ${DEFAULT-VALUE}, Telegraf's"
                            + " compression_codec = 0).")
    String compression;

    @Option(
            names = "--job-config",
            paramLabel = "FILE",
            description =
                    "A job configuration file for the job (e.g. event-time keys); the benchmark sets"
                            + " source, rules, remote-write, checkpoints and parallelism itself.")
    Path jobConfig;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            defaultValue = "3",
            description = "Kafka replication factor of the cost model (default: ${DEFAULT-VALUE}).")
    int replicationFactor;

    @Option(
            names = "--retention",
            paramLabel = "DURATION",
            defaultValue = "7d",
            description = "Kafka retention of the cost model (default: ${DEFAULT-VALUE}).")
    String retention;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The parsed options, validated. */
    BenchOptions toOptions() {
        List<BenchPath> p =
                paths == null
                        ? BenchRun.installedPaths()
                        : paths.stream().map(BenchPath::fromId).toList();
        return new BenchOptions(
                p,
                choice(BenchOptions.Protocol.class, "--protocol", protocol),
                AckMode.fromName(ack),
                choice(BenchOptions.Sink.class, "--sink", sink),
                series,
                choice(LineProtocolLoadGenerator.Mix.class, "--mix", mix),
                rate,
                rules,
                duration("--duration", duration),
                duration("--warmup", warmup),
                parallelism,
                connections,
                duration("--checkpoint-interval", checkpointInterval),
                killTaskManager,
                out,
                kafkaPartitions,
                compression,
                jobConfig,
                replicationFactor,
                duration("--retention", retention));
    }

    @Override
    public Integer call() {
        PrintStream err = System.err;
        BenchOptions options;
        try {
            options = toOptions();
        } catch (IllegalArgumentException e) {
            err.println("condenser bench: " + e.getMessage());
            return 2;
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // the parent's argument list: everything from the subcommand's name on
        int at = args.indexOf(spec.name());
        String line =
                "./condenser bench "
                        + String.join(" ", args.subList(at < 0 ? 0 : at + 1, args.size()));
        try {
            new BenchRun(options, line.trim(), System.out, err).run();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("condenser bench: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("condenser bench: failed: " + e);
            return 1;
        }
    }

    private static Duration duration(String option, String text) {
        try {
            return DurationParser.parse(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String option, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.replace('-', '_'))) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                option
                        + " must be one of "
                        + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT)
                        + ", got '"
                        + value
                        + "'");
    }
}
