package io.condenser.jobs.testing;

import io.condenser.connectors.eventtime.EventTimeConfig;
import io.condenser.jobs.CondenserJob;
import io.condenser.jobs.Pipeline;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.config.EventTimeSection;
import io.condenser.jobs.config.JobConfig;
import io.condenser.model.Sample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job as users run it, on the test's MiniCluster: the production direct source (line protocol
 * over TCP on a free loopback port, event time per connection) and the production rule-file source
 * polling a file the test rewrites, into the pipeline; only the sink is a collecting one. Real
 * timing: the test's agents write "now" (or a replayed clock) and event time moves by itself.
 */
public final class LiveJob implements AutoCloseable {

    private final Path rulesFile;
    private final JobConfig config;
    private final CollectingSink sink;
    private JobClient job;

    /**
     * @param rulesYaml the first rule set
     */
    public LiveJob(Path dir, String rulesYaml, int parallelism, EventTimeSection eventTime)
            throws IOException {
        this(dir, rulesYaml, parallelism, eventTime, freePort());
    }

    private LiveJob(
            Path dir, String rulesYaml, int parallelism, EventTimeSection eventTime, int port)
            throws IOException {
        this.sink = new CollectingSink();
        this.rulesFile = dir.resolve("rules.yaml");
        Files.writeString(rulesFile, rulesYaml);
        this.config =
                JobConfig.builder()
                        .direct(
                                d ->
                                        d.bindAddress("127.0.0.1")
                                                .lineProtocolPort(port)
                                                .httpPort(0)
                                                .graphitePort(0))
                        .rulesPath(rulesFile.toString())
                        .rulesPollInterval(Duration.ofMillis(200))
                        .checkpointInterval(Duration.ofSeconds(1))
                        .checkpointDir(dir.resolve("checkpoints").toUri().toString())
                        .parallelism(parallelism)
                        .eventTime(t -> eventTime)
                        .build();
    }

    /** Event time with short intervals for tests (1 s out of order, 3 s idleness). */
    public static EventTimeSection quickEventTime(Duration idleTimeout) {
        return new EventTimeSection(Duration.ofSeconds(1), Duration.ofSeconds(3), idleTimeout);
    }

    public static EventTimeSection quickEventTime() {
        return quickEventTime(EventTimeConfig.DEFAULT_IDLE_TIMEOUT);
    }

    public LiveJob start() throws Exception {
        return start(null);
    }

    /** Starts (from a savepoint when given) and returns once the job is submitted. */
    public LiveJob start(String savepoint) throws Exception {
        Configuration conf = CondenserJob.flinkConfiguration(config);
        if (savepoint != null) {
            conf.setString("execution.state-recovery.path", savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(config.parallelism());
        Pipeline.build(
                env,
                PipelineSettings.builder().unmatchedInput(config.unmatchedInput()).build(),
                CondenserJob.metrics(env, config),
                CondenserJob.rules(env, config),
                sink);
        job = env.executeAsync("live-" + config.direct().lineProtocolPort());
        return this;
    }

    /** The same job restored from a savepoint at another parallelism, writing to the same sink. */
    public LiveJob restoredAt(int parallelism, String savepoint) throws Exception {
        LiveJob next = new LiveJob(this, parallelism);
        return next.start(savepoint);
    }

    private LiveJob(LiveJob from, int parallelism) {
        this.rulesFile = from.rulesFile;
        this.config = from.config.toBuilder().parallelism(parallelism).build();
        this.sink = from.sink; // one output across the stop and the restore
    }

    public int port() {
        return config.direct().lineProtocolPort();
    }

    public JobConfig config() {
        return config;
    }

    /** Replaces the rules file: the source picks it up within its poll interval. */
    public void rules(String yaml) throws IOException {
        Path tmp = rulesFile.resolveSibling("rules.yaml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, rulesFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public List<Sample> outputs() {
        return sink.samples();
    }

    /** Waits (bounded) until the outputs satisfy {@code done}; returns them either way. */
    public List<Sample> awaitOutputs(Predicate<List<Sample>> done, Duration max)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + max.toMillis();
        List<Sample> out = outputs();
        while (!done.test(out) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            out = outputs();
        }
        return out;
    }

    public long counter(InMemoryReporter reporter, String name) {
        return JobCounters.sum(reporter, job.getJobID(), name);
    }

    /** Stops with a savepoint under {@code dir}; returns its path. */
    public String stopWithSavepoint(Path dir) throws Exception {
        String path =
                job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
        job = null;
        return path;
    }

    @Override
    public void close() throws Exception {
        if (job != null) {
            JobEnd.cancelAndAwait(job, Duration.ofMinutes(1));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
