package io.condenser.jobs.cli;

import io.condenser.jobs.LocalRun;
import io.condenser.jobs.config.DirectSourceSection;
import io.condenser.jobs.config.JobConfig;
import io.condenser.rules.parse.DurationParser;
import java.io.File;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./condenser run}: the job on an embedded Flink (web UI on 127.0.0.1:8081), the direct
 * source on 127.0.0.1, the example rules, output printed as Prometheus exposition text unless
 * {@code --remote-write-url} is given; {@code --demo} adds Telegraf-shaped traffic. A status line
 * goes to stderr every 10 s; a job that fails for good ends the command with exit status 1 and one
 * line naming the problem.
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
            description =
                    "Flink web UI port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: a free one).")
    int webPort;

    @Option(
            names = "--metrics-port",
            paramLabel = "PORT",
            defaultValue = "0",
            description =
                    "Serve Prometheus text (Flink's and Condenser's metrics) on"
                            + " http://ADDR:PORT/metrics (default: off).")
    int metricsPort;

    @Option(
            names = "--metrics-bind-address",
            paramLabel = "ADDR",
            defaultValue = LocalRun.LOOPBACK,
            description = "Address the metrics port binds (default: ${DEFAULT-VALUE}).")
    String metricsBindAddress;

    @Option(
            names = "--status-interval",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description =
                    "How often a status line (samples/s in, outputs, late, rejected) goes to"
                            + " stderr; 0 for never (default: ${DEFAULT-VALUE}).")
    String statusInterval;

    /** Set by the shutdown hook: a job cancelled by Ctrl-C is not a failure. */
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        JobConfig config;
        LocalRun.Settings settings;
        try {
            config = localDefaults(options).build();
            settings = settings();
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a bad file or value: the message names it, a stack trace would bury it
            System.err.println("condenser run: " + e.getMessage());
            return 2;
        }
        System.err.println("condenser run: " + config);
        LocalRun run;
        try {
            run = LocalRun.start(config, settings);
        } catch (Exception e) {
            System.err.println("condenser run: " + FailureMessage.of(e));
            return 1;
        }
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    stopping = true;
                                    try {
                                        run.stop(Duration.ofSeconds(10));
                                    } catch (Exception e) {
                                        // shutting down anyway
                                    }
                                }));
        System.err.println("condenser run: " + banner(config, settings, run.webPort()));
        try {
            run.await();
        } catch (Exception e) {
            if (stopping) {
                return 0;
            }
            // the job failed for good (a listener that cannot bind, storage that cannot be
            // written): one line naming the problem, not a restart loop or a stack trace
            System.err.println("condenser run: job failed: " + FailureMessage.of(e));
            run.stop(Duration.ofSeconds(10));
            return 1;
        }
        return 0;
    }

    LocalRun.Settings settings() {
        if (metricsPort < 0 || metricsPort > 65535) {
            throw new IllegalArgumentException(
                    "--metrics-port must be in 0..65535 (0 = off), got " + metricsPort);
        }
        Duration status = DurationParser.parse(statusInterval.toLowerCase(Locale.ROOT));
        return new LocalRun.Settings(
                webPort, demo, metricsPort, metricsBindAddress, status.isZero() ? null : status);
    }

    /** What the run opened and where its output goes. */
    static String banner(JobConfig config, LocalRun.Settings settings, int webPort) {
        StringBuilder b = new StringBuilder();
        b.append("web UI http://127.0.0.1:").append(webPort);
        if (settings.metricsPort() != 0) {
            b.append("; metrics http://")
                    .append(settings.metricsBindAddress())
                    .append(':')
                    .append(settings.metricsPort())
                    .append("/metrics");
        }
        if (config.sourceType() == JobConfig.SourceType.KAFKA) {
            b.append("; reading Kafka topic ")
                    .append(config.kafka().topic())
                    .append(" from ")
                    .append(config.kafka().bootstrapServers())
                    .append(" (group ")
                    .append(config.kafka().groupId())
                    .append(')');
        } else {
            DirectSourceSection d = config.direct();
            b.append("; listening on ").append(d.bindAddress()).append(':');
            StringBuilder ports = new StringBuilder();
            port(ports, "line protocol", d.lineProtocolPort());
            port(ports, "HTTP", d.httpPort());
            port(ports, "graphite", d.graphitePort());
            b.append(ports.length() == 0 ? " no ports" : ports);
        }
        b.append(
                config.remoteWrite().urls().isEmpty()
                        ? "; output on stdout when the first windows close (1m rules: about a"
                                + " minute)"
                        : "; writing to " + String.join(", ", config.remoteWrite().urls()));
        return b.append(". Ctrl-C stops.").toString();
    }

    private static void port(StringBuilder ports, String name, int port) {
        if (port != 0) {
            ports.append(ports.length() == 0 ? " " : ", ").append(name).append(' ').append(port);
        }
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
