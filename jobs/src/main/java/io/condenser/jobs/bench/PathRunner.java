package io.condenser.jobs.bench;

import io.condenser.connectors.kafka.KafkaSampleSource;
import io.condenser.connectors.loadgen.BatchLog;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.bench.kafka.TelegrafKafkaProducer;
import io.condenser.jobs.bench.process.ChildProcess;
import io.condenser.jobs.bench.process.CpuMeter;
import io.condenser.jobs.bench.process.FlinkCluster;
import io.condenser.jobs.bench.process.KafkaBroker;
import io.condenser.jobs.bench.process.Ports;
import io.condenser.jobs.bench.process.Repository;
import io.condenser.jobs.bench.process.ServerProcess;
import io.condenser.jobs.bench.verify.OutputComparison;
import io.condenser.jobs.bench.verify.ReceivedOutputs;
import io.condenser.jobs.bench.verify.Reference;
import io.condenser.jobs.bench.verify.RemoteWriteReceiver;
import io.condenser.jobs.bench.verify.TrafficReplay;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.DurationParser;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Runs one path end to end: starts what it needs (receiver, Prometheus, broker, VictoriaMetrics, a
 * standalone Flink cluster with the job submitted as users submit it), runs the load generator (and
 * for Kafka the producer) as processes of their own, measures while the traffic flows, lets the job
 * drain, stops everything it started, and then compares the job's outputs with the reference
 * evaluator over exactly the samples the generator sent.
 */
final class PathRunner {

    static final String TOPIC = "telegraf";
    static final String GROUP = "condenser-bench";
    static final String DIRECT_SOURCE = "direct-source";
    static final String WINDOW_STAGE = "group-window";

    /** How long an unacknowledged batch is still retried after the traffic's duration. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    /** The run is drained once nothing new was accepted for this long after the traffic ended. */
    static final long DRAIN_QUIET_MS = 5_000;

    /** Lines per batch: Telegraf's {@code metric_batch_size} default. */
    static final int BATCH_LINES = 1000;

    static final long POLL_MS = 1_000;
    static final long PROGRESS_MS = 5_000;

    private static final String GENERATOR_HEAP = "-Xmx512m";

    private final BenchOptions o;
    private final BenchPath path;
    private final Repository repo;
    private final Path rulesDir;
    private final RuleSet rules;
    private final Path dir;
    private final PrintStream progress;

    PathRunner(
            BenchOptions o,
            BenchPath path,
            Repository repo,
            Path rulesDir,
            RuleSet rules,
            Path dir,
            PrintStream progress) {
        this.o = o;
        this.path = path;
        this.repo = repo;
        this.rulesDir = rulesDir;
        this.rules = rules;
        this.dir = dir;
        this.progress = progress;
    }

    /** What the loop measured. */
    private record Measurement(
            long trafficStartMs,
            long fromMs,
            long toMs,
            long acceptedFrom,
            long acceptedTo,
            CpuMeter.Mark cpuFrom,
            CpuMeter.Mark cpuTo,
            long cutWatermarkMs,
            Timeline timeline,
            List<BenchResult.Kill> kills) {}

    BenchResult run() throws Exception {
        Files.createDirectories(dir);
        ReceivedOutputs received = new ReceivedOutputs();
        Path batchLog = dir.resolve("batches.log");
        CpuMeter cpu = new CpuMeter();
        Measurement m;
        long cutWatermark = Long.MAX_VALUE;
        long brokerBytes = -1;
        long peerStored = -1;
        LineProtocolLoadGenerator.Options generator;
        try (Closer closer = new Closer()) {
            ServerProcess prometheus = null;
            if (o.sink() == BenchOptions.Sink.PROMETHEUS && path != BenchPath.PEER) {
                prometheus = closer.add(ServerProcess.prometheus(dir.resolve("prometheus")));
                cpu.add("sink", pids(prometheus.pid()));
            }
            RemoteWriteReceiver receiver =
                    path == BenchPath.PEER
                            ? null
                            : closer.add(
                                    RemoteWriteReceiver.start(
                                            prometheus == null
                                                    ? null
                                                    : URI.create(
                                                            prometheus.baseUrl()
                                                                    + RemoteWriteReceiver.PATH),
                                            received));
            KafkaBroker broker = null;
            if (path == BenchPath.KAFKA) {
                progress.println("condenser bench: kafka: starting the broker (scripts/kafka.sh)");
                broker = closer.add(KafkaBroker.start(repo, dir.resolve("kafka")));
                broker.createTopic(TOPIC, o.effectiveKafkaPartitions());
                KafkaBroker b = broker;
                cpu.add("broker", () -> b.pid().stream().boxed().toList());
            }
            int port = Ports.free();
            ServerProcess vm = null;
            if (path == BenchPath.PEER) {
                vm =
                        closer.add(
                                ServerProcess.victoriaMetrics(
                                        dir.resolve("victoria-metrics"),
                                        o.protocol() == BenchOptions.Protocol.TCP ? port : 0));
                cpu.add("job", pids(vm.pid()));
            }
            FlinkCluster cluster = null;
            String jobId = null;
            if (path != BenchPath.PEER) {
                progress.printf(
                        "condenser bench: %s: starting a Flink cluster (scripts/flink-cluster.sh)%n",
                        path.id());
                cluster =
                        closer.add(FlinkCluster.start(repo, dir.resolve("flink"), o.parallelism()));
                FlinkCluster c = cluster;
                cpu.add("job", c::pids);
                jobId = cluster.submit(repo.jobJar(), jobArgs(port, broker, receiver));
                String id = jobId;
                closer.add(() -> c.cancel(id));
                cluster.awaitRunning(jobId, Duration.ofMinutes(3));
                if (path == BenchPath.DIRECT
                        && !Ports.awaitListening(port, Duration.ofMinutes(1).toMillis())) {
                    throw new IOException("the job's direct source does not listen on " + port);
                }
            }
            generator = generatorOptions(target(port, vm), batchLog);
            ChildProcess[] load = startLoad(generator, broker);
            for (ChildProcess p : load) {
                closer.add(p);
                cpu.add(p.name(), pids(p.pid()));
            }
            m = measure(cluster, jobId, vm, load, cpu, received);
            if (cluster != null) {
                cutWatermark = m.cutWatermarkMs();
                awaitOutputsSettled(received);
            }
            if (broker != null) {
                brokerBytes = broker.logBytes(TOPIC);
            }
            if (vm != null) {
                vm.get("/internal/force_flush");
                peerStored = (long) vm.metric("vm_rows_added_to_storage_total", "");
            }
        }
        // state the run no longer needs (checkpoints, the topic, stored samples); logs stay
        for (String bulky :
                List.of(
                        "flink/checkpoints",
                        "kafka/state/kafka/data",
                        "victoria-metrics/storage",
                        "prometheus/tsdb")) {
            deleteTree(dir.resolve(bulky));
        }
        progress.printf("condenser bench: %s: comparing with the reference evaluator%n", path.id());
        TrafficReplay replay = new TrafficReplay(generator, BatchLog.read(batchLog));
        return path == BenchPath.PEER
                ? peerResult(m, replay, peerStored)
                : jobResult(m, replay, received, cutWatermark, brokerBytes);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static java.util.function.Supplier<List<Long>> pids(long pid) {
        return () -> List.of(pid);
    }

    /** The job's command line: the production job, its sources and sink pointed at this run. */
    List<String> jobArgs(int port, KafkaBroker broker, RemoteWriteReceiver receiver) {
        List<String> a = new ArrayList<>();
        if (o.jobConfig() != null) {
            a.addAll(List.of("--config", o.jobConfig().toAbsolutePath().toString()));
        }
        a.addAll(List.of("--source", path.id(), "--bind-address", "127.0.0.1"));
        if (path == BenchPath.DIRECT) {
            boolean tcp = o.protocol() == BenchOptions.Protocol.TCP;
            a.addAll(
                    List.of(
                            "--line-protocol-port",
                            tcp ? Integer.toString(port) : "0",
                            "--http-port",
                            tcp ? "0" : Integer.toString(port),
                            "--graphite-port",
                            "0",
                            "--ack",
                            o.ack().configName()));
        } else {
            a.addAll(
                    List.of(
                            "--kafka-bootstrap",
                            broker.bootstrapServers(),
                            "--kafka-topic",
                            TOPIC,
                            "--kafka-group",
                            GROUP));
        }
        a.addAll(
                List.of(
                        "--rules",
                        rulesDir.toAbsolutePath().toString(),
                        "--remote-write-url",
                        receiver.url(),
                        "--checkpoint-interval",
                        DurationParser.format(o.checkpointInterval()),
                        "--checkpoint-dir",
                        dir.resolve("flink/checkpoints").toAbsolutePath().toUri().toString(),
                        "--parallelism",
                        Integer.toString(o.parallelism())));
        return a;
    }

    private URI target(int port, ServerProcess vm) {
        boolean tcp = o.protocol() == BenchOptions.Protocol.TCP;
        return switch (path) {
            case DIRECT ->
                    URI.create(
                            tcp
                                    ? "tcp://127.0.0.1:" + port
                                    : "http://127.0.0.1:" + port + "/write");
            case KAFKA -> LineProtocolLoadGenerator.STDOUT;
            case PEER -> URI.create(tcp ? "tcp://127.0.0.1:" + port : vm.baseUrl() + "/write");
        };
    }

    /** The same traffic for every path: only the target differs. */
    LineProtocolLoadGenerator.Options generatorOptions(URI target, Path batchLog) {
        return new LineProtocolLoadGenerator.Options(
                target,
                o.effectiveConnections(),
                o.rate(),
                o.warmup().plus(o.duration()),
                BATCH_LINES,
                o.hostsPerConnection(),
                false,
                0,
                o.mix(),
                batchLog,
                GIVE_UP_AFTER);
    }

    private ChildProcess[] startLoad(LineProtocolLoadGenerator.Options g, KafkaBroker broker)
            throws IOException {
        List<String> gen = java("generator");
        gen.add(LineProtocolLoadGenerator.class.getName());
        gen.addAll(generatorArgs(g));
        if (broker == null) {
            return new ChildProcess[] {
                ChildProcess.start("generator", gen, dir.resolve("generator.log"))
            };
        }
        List<String> producer = java("producer");
        producer.add(TelegrafKafkaProducer.class.getName());
        producer.addAll(
                List.of(
                        "--bootstrap-servers",
                        broker.bootstrapServers(),
                        "--topic",
                        TOPIC,
                        "--compression",
                        o.compression(),
                        "--agents",
                        Integer.toString(g.connections())));
        return ChildProcess.pipeline(
                "generator",
                gen,
                dir.resolve("generator.log"),
                "producer",
                producer,
                dir.resolve("producer.log"));
    }

    static List<String> generatorArgs(LineProtocolLoadGenerator.Options g) {
        return new ArrayList<>(
                List.of(
                        "--target",
                        g.target().equals(LineProtocolLoadGenerator.STDOUT)
                                ? "-"
                                : g.target().toString(),
                        "--connections",
                        Integer.toString(g.connections()),
                        "--rate",
                        Long.toString(g.rate()),
                        "--duration",
                        g.duration().toMillis() / 1000.0 + "s",
                        "--batch",
                        Integer.toString(g.batchLines()),
                        "--hosts",
                        Integer.toString(g.hosts()),
                        "--mix",
                        g.mix().name().toLowerCase(Locale.ROOT),
                        "--batch-log",
                        g.batchLog().toAbsolutePath().toString(),
                        "--give-up-after",
                        g.giveUpAfter().toSeconds() + "s"));
    }

    /** A JVM with the launcher's class path (the shaded jar and the Flink jars). */
    private static List<String> java(String role) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(
                List.of(
                        javaBin,
                        GENERATOR_HEAP,
                        "-Dcondenser.bench.role=" + role,
                        "-cp",
                        System.getProperty("java.class.path")));
    }

    /**
     * Polls once a second while the traffic runs and until the job has taken everything: CPU, the
     * accepted count, progress, kills; the measurement runs from the end of the warm-up to the last
     * poll at which the accepted count still grew.
     */
    private Measurement measure(
            FlinkCluster cluster,
            String jobId,
            ServerProcess vm,
            ChildProcess[] load,
            CpuMeter cpu,
            ReceivedOutputs received)
            throws Exception {
        long start = System.currentTimeMillis();
        long from = start + o.warmup().toMillis();
        long trafficEnd = from + o.duration().toMillis();
        long deadline = trafficEnd + GIVE_UP_AFTER.toMillis() + Duration.ofMinutes(5).toMillis();
        TaskManagerKiller killer =
                o.killTaskManager() > 0 && cluster != null
                        ? new TaskManagerKiller(
                                cluster,
                                received,
                                o.killTaskManager(),
                                from,
                                o.duration().toMillis())
                        : null;
        Timeline timeline = new Timeline();
        AcceptedCounter accepted = new AcceptedCounter();
        CpuMeter.Mark cpuFrom = null;
        long acceptedFrom = 0;
        long fromAt = from;
        CpuMeter.Mark lastChange = cpu.mark();
        long lastChangeAt = start;
        long lastAccepted = 0;
        long nextProgress = start + PROGRESS_MS;
        long progressAccepted = 0;
        long progressAt = start;
        long cut = Long.MIN_VALUE;
        while (true) {
            Thread.sleep(POLL_MS);
            long now = System.currentTimeMillis();
            CpuMeter.Mark mark = cpu.mark();
            long acc = accepted.update(readAccepted(cluster, jobId, vm));
            timeline.add(new Timeline.Point(now, acc, received.count()));
            if (cpuFrom == null && now >= from) {
                cpuFrom = mark;
                acceptedFrom = acc;
                fromAt = now;
            }
            if (acc != lastAccepted) {
                lastAccepted = acc;
                lastChange = mark;
                lastChangeAt = now;
            }
            // the window stage's event time only grows, except that a restored job starts over
            // from nothing: the highest seen is what the flowing traffic closed
            cut = Math.max(cut, windowWatermark(cluster, jobId));
            if (killer != null) {
                killer.maybeKill(now, lastCompletedCheckpoint(cluster, jobId));
            }
            if (now >= nextProgress) {
                progress.printf(
                        Locale.ROOT,
                        "condenser bench: %-6s %4ds/%ds  %,10.0f samples/s  accepted %,d  outputs %,d%s%n",
                        path.id(),
                        (now - start) / 1000,
                        (trafficEnd - start) / 1000,
                        (acc - progressAccepted) * 1000.0 / Math.max(1, now - progressAt),
                        acc,
                        received.count(),
                        killer == null ? "" : "  kills " + killer.done() + "/" + killer.planned());
                progressAccepted = acc;
                progressAt = now;
                nextProgress = now + PROGRESS_MS;
            }
            boolean loadDone = Arrays.stream(load).noneMatch(ChildProcess::isAlive);
            // after a kill, until outputs flow again: that is the recovery the run reports
            boolean recovering = killer != null && (killer.restarting() || !killer.allRecovered());
            if (loadDone && !recovering && acc > 0 && now - lastChangeAt >= DRAIN_QUIET_MS) {
                break;
            }
            if (now > deadline) {
                progress.printf(
                        "condenser bench: %s: still not drained %d s after the traffic; measuring what"
                                + " there is%n",
                        path.id(), (now - trafficEnd) / 1000);
                break;
            }
        }
        for (ChildProcess p : load) {
            if (p.await(0) != 0 && !p.isAlive()) {
                progress.printf(
                        "condenser bench: %s: %s exited %d:%n%s%n",
                        path.id(), p.name(), p.await(0), p.logTail(10));
            }
        }
        if (killer != null) {
            killer.awaitRestart();
        }
        if (cpuFrom == null) {
            cpuFrom = lastChange;
            fromAt = lastChangeAt;
            acceptedFrom = lastAccepted;
        }
        return new Measurement(
                start,
                fromAt,
                Math.max(lastChangeAt, fromAt + 1),
                acceptedFrom,
                lastAccepted,
                cpuFrom,
                lastChange,
                cut,
                timeline,
                killer == null ? List.of() : killer.results(timeline));
    }

    private long readAccepted(FlinkCluster cluster, String jobId, ServerProcess vm) {
        try {
            if (vm != null) {
                return (long) vm.metric("vm_rows_inserted_total", "type=\"influx\"");
            }
            String source = path == BenchPath.KAFKA ? KafkaSampleSource.NAME : DIRECT_SOURCE;
            return cluster.recordsOut(jobId, source);
        } catch (IOException e) {
            return -1; // the REST API is briefly away while a TaskManager restarts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long windowWatermark(FlinkCluster cluster, String jobId) {
        if (cluster == null) {
            return Long.MIN_VALUE;
        }
        try {
            return cluster.inputWatermark(jobId, WINDOW_STAGE).orElse(Long.MIN_VALUE);
        } catch (IOException e) {
            return Long.MIN_VALUE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Long.MIN_VALUE;
        }
    }

    private static long lastCompletedCheckpoint(FlinkCluster cluster, String jobId) {
        try {
            return cluster.checkpoints(jobId)
                    .path("latest")
                    .path("completed")
                    .path("trigger_timestamp")
                    .asLong(-1);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Waits until the receiver got nothing new for a checkpoint interval (at least 3 s): the sink
     * sends within a second, an exactly-once sink at the next checkpoint.
     */
    private void awaitOutputsSettled(ReceivedOutputs received) throws InterruptedException {
        long quiet = Math.max(3_000, o.checkpointInterval().toMillis());
        long deadline = System.currentTimeMillis() + 120_000;
        long last = received.count();
        long since = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            long now = received.count();
            if (now != last) {
                last = now;
                since = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - since >= quiet) {
                return;
            }
        }
    }

    private BenchResult jobResult(
            Measurement m,
            TrafficReplay replay,
            ReceivedOutputs received,
            long cutWatermark,
            long brokerBytes) {
        Reference reference = Reference.evaluate(rules, replay, cutWatermark);
        OutputComparison.Result c =
                OutputComparison.compare(
                        reference, received.snapshot(), BenchRules.ACCOUNTING_RULE, m.fromMs());
        double millions = Math.max(1, m.acceptedTo() - m.acceptedFrom()) / 1e6;
        boolean kafka = path == BenchPath.KAFKA;
        List<String> problems = new ArrayList<>();
        if (!c.matches()) {
            problems.add(
                    String.format(
                            Locale.ROOT,
                            "%d of %d expected output samples missing, %d different, %d unexpected;"
                                    + " the first of them:",
                            c.missing(),
                            c.expected(),
                            c.mismatched(),
                            c.unexpected()));
        }
        problems.addAll(c.examples());
        if (c.expected() == 0) {
            problems.add(
                    0,
                    "no window closed while the traffic flowed (watermark "
                            + cutWatermark
                            + "): run longer than a window plus the out-of-orderness");
        }
        return new BenchResult(
                path,
                variant(),
                (m.acceptedTo() - m.acceptedFrom()) * 1000.0 / (m.toMs() - m.fromMs()),
                (m.toMs() - m.fromMs()) / 1000.0,
                m.acceptedTo() - m.acceptedFrom(),
                replay.samples(),
                perMillion(m, "job", millions),
                kafka ? perMillion(m, "broker", millions) : -1,
                kafka ? perMillion(m, "producer", millions) : -1,
                perMillion(m, "generator", millions),
                perMillion(m, "sink", millions),
                percentile(c.latenciesMs(), 0.50),
                percentile(c.latenciesMs(), 0.99),
                c.received(),
                c.matches() && c.expected() > 0,
                c.lostSamples(),
                c.duplicatedSamples(),
                c.resent(),
                wireBytesPerSample(replay),
                kafka && brokerBytes >= 0
                        ? (double) brokerBytes / Math.max(1, replay.samples())
                        : -1,
                m.kills(),
                progress(m),
                problems);
    }

    private static List<BenchResult.Progress> progress(Measurement m) {
        return m.timeline().points().stream()
                .map(
                        p ->
                                new BenchResult.Progress(
                                        p.atMs() - m.trafficStartMs(), p.accepted(), p.outputs()))
                .toList();
    }

    private BenchResult peerResult(Measurement m, TrafficReplay replay, long stored) {
        double millions = Math.max(1, m.acceptedTo() - m.acceptedFrom()) / 1e6;
        long generated = replay.samples();
        long[] latencies =
                replay.entries().stream()
                        .filter(e -> e.delivered() && e.createdMs() >= m.fromMs())
                        .mapToLong(e -> e.doneMs() - e.createdMs())
                        .sorted()
                        .toArray();
        boolean http = o.protocol() == BenchOptions.Protocol.HTTP;
        List<String> problems = new ArrayList<>();
        if (stored != generated) {
            problems.add(
                    "VictoriaMetrics stored " + stored + " samples of " + generated + " generated");
        }
        return new BenchResult(
                path,
                variant(),
                (m.acceptedTo() - m.acceptedFrom()) * 1000.0 / (m.toMs() - m.fromMs()),
                (m.toMs() - m.fromMs()) / 1000.0,
                m.acceptedTo() - m.acceptedFrom(),
                generated,
                perMillion(m, "job", millions),
                -1,
                -1,
                perMillion(m, "generator", millions),
                -1,
                http ? percentile(latencies, 0.50) : -1,
                http ? percentile(latencies, 0.99) : -1,
                stored,
                stored == generated,
                Math.max(0, generated - stored),
                Math.max(0, stored - generated),
                0,
                wireBytesPerSample(replay),
                -1,
                List.of(),
                progress(m),
                problems);
    }

    private String variant() {
        return switch (path) {
            case DIRECT ->
                    o.protocol().id()
                            + (o.protocol() == BenchOptions.Protocol.HTTP
                                    ? " " + o.ack().configName()
                                    : "");
            case KAFKA -> "compression " + o.compression();
            case PEER -> "victoria-metrics " + o.protocol().id();
        };
    }

    private static double perMillion(Measurement m, String component, double millions) {
        double s = m.cpuFrom().secondsUntil(m.cpuTo(), component);
        return s < 0 ? -1 : s / millions;
    }

    private static double wireBytesPerSample(TrafficReplay replay) {
        return (double) replay.bytes() / Math.max(1, replay.samples());
    }

    static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
