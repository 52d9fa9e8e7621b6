package io.condenser.jobs.cli;

import io.condenser.jobs.LocalRun;
import io.condenser.jobs.config.JobConfig;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./condenser run}: the job on an embedded Flink (web UI on localhost:8081), the direct
 * source on 127.0.0.1, the example rules, output printed as Prometheus exposition text unless
 * {@code --remote-write-url} is given; {@code --demo} adds Telegraf-shaped traffic.
 */
@Command(
        name = "run",
        description = {
            "Run the aggregation job locally on an embedded Flink (web UI on http://localhost:8081).",
            "Without --remote-write-url the aggregated series are printed as Prometheus exposition"
                    + " text as windows close.",
            "Example: ./condenser run --demo"
        })
public final class RunCommand implements Callable<Integer> {

    /** The example rules, relative to the repository root the launcher runs from. */
    public static final String DEFAULT_RULES = "rules/examples";

    @Mixin JobConfigOptions options = new JobConfigOptions();

    @Option(
            names = "--demo",
            description =
                    "Also start a load generator writing Telegraf-shaped cpu metrics"
                            + " (20 hosts x 8 cores, ~3000 samples/s) to the line-protocol port.")
    boolean demo;

    @Option(
            names = "--web-port",
            paramLabel = "PORT",
            defaultValue = "8081",
            description = "Flink web UI port (default: ${DEFAULT-VALUE}).")
    int webPort;

    @Override
    public Integer call() throws Exception {
        JobConfig config;
        try {
            config = localDefaults(options).build();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a bad file or value: the message names it, a stack trace would bury it
            System.err.println("condenser run: " + e.getMessage());
            return 2;
        }
        System.err.println("condenser run: " + config);
        LocalRun run = LocalRun.start(config, webPort, demo);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        run.stop(Duration.ofSeconds(10));
                                    } catch (Exception e) {
                                        // shutting down anyway
                                    }
                                }));
        System.err.println(
                "condenser run: web UI http://localhost:"
                        + webPort
                        + "; line protocol tcp://"
                        + config.direct().bindAddress()
                        + ":"
                        + config.direct().lineProtocolPort()
                        + ", HTTP :"
                        + config.direct().httpPort()
                        + ", graphite :"
                        + config.direct().graphitePort()
                        + (config.remoteWrite().urls().isEmpty()
                                ? "; output on stdout when the first windows close (1m rules:"
                                        + " about a minute)"
                                : "; writing to " + config.remoteWrite().urls())
                        + ". Ctrl-C stops.");
        run.await();
        return 0;
    }

    /**
     * Local defaults under the flags when there is no file: bound to 127.0.0.1, checkpoints every
     * 10 s into a temp directory, parallelism 1 (2 cores are typical of a laptop VM). The example
     * rules apply whenever neither the file nor a flag names a rule source.
     */
    static JobConfig.Builder localDefaults(JobConfigOptions options) {
        boolean fromFile = options.config != null;
        JobConfig.Builder b = options.toBuilder();
        if (!fromFile) {
            if (options.bindAddress == null) {
                b.direct(d -> d.bindAddress("127.0.0.1"));
            }
            if (options.checkpointInterval == null) {
                b.checkpointInterval(Duration.ofSeconds(10));
            }
            if (options.checkpointDir == null) {
                File dir = new File(System.getProperty("java.io.tmpdir"), "condenser-checkpoints");
                b.checkpointDir(dir.toURI().toString());
            }
            if (options.parallelism == null) {
                b.parallelism(1);
            }
        }
        if (!b.hasRuleSource()) {
            b.rulesPath(DEFAULT_RULES);
        }
        return b;
    }
}
