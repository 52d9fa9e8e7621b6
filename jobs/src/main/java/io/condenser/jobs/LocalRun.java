package io.condenser.jobs;

import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.local.BoundPrometheusReporterFactory;
import io.condenser.jobs.local.StatusLineReporterFactory;
import java.net.URI;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job on an embedded MiniCluster (what {@code ./condenser run} does): same graph as on a
 * cluster, the Flink web UI on {@code webPort}, optionally with the demo load generator writing
 * Telegraf-shaped line protocol into the local line-protocol port.
 */
public final class LocalRun {

    private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

    /** Demo traffic: gentle enough for a laptop, enough series to see aggregation work. */
    public static final long DEMO_RATE_SAMPLES_PER_S = 3_000;

    public static final int DEMO_HOSTS = 20;

    private final JobClient job;
    private final Thread demo;
    private final int webPort;

    private LocalRun(JobClient job, Thread demo, int webPort) {
        this.job = job;
        this.demo = demo;
        this.webPort = webPort;
    }

    /**
     * What the local run opens besides the job's own listeners: the web UI, and optionally a
     * Prometheus metrics port and the status line. Everything Flink opens binds {@link #LOOPBACK}.
     *
     * @param webPort the Flink web UI / REST port (0: a free one, see {@link LocalRun#webPort()})
     * @param metricsPort Prometheus text on {@code /metrics}, 0 for none
     * @param metricsBindAddress the address the metrics port binds
     * @param statusInterval how often the status line goes to stderr, null for never
     */
    public record Settings(
            int webPort,
            boolean demo,
            int metricsPort,
            String metricsBindAddress,
            Duration statusInterval) {

        /** The web UI on {@code webPort}; no metrics port, no status line. */
        public static Settings of(int webPort, boolean demo) {
            return new Settings(webPort, demo, 0, LOOPBACK, null);
        }
    }

    /** Where the local run's Flink services listen (REST/web UI, BLOB server, metrics). */
    public static final String LOOPBACK = "127.0.0.1";

    /** The reporter names in the local run's Flink configuration. */
    static final String STATUS_REPORTER = "status";

    static final String PROMETHEUS_REPORTER = "prom";

    /** Starts the job (returns once it is submitted) and, with {@code demo}, the load generator. */
    public static LocalRun start(JobConfig config, int webPort, boolean demo) throws Exception {
        return start(config, Settings.of(webPort, demo));
    }

    /** Starts the job (returns once it is submitted) and, with {@code demo}, the load generator. */
    public static LocalRun start(JobConfig config, Settings settings) throws Exception {
        int webPort = settings.webPort() == 0 ? freePort() : settings.webPort();
        Configuration conf = flinkConfiguration(config, settings, webPort);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        CondenserJob.build(env, config);
        JobClient job = env.executeAsync(CondenserJob.JOB_NAME);
        Thread generator = null;
        if (settings.demo()) {
            if (config.direct().lineProtocolPort() == 0) {
                throw new IllegalArgumentException("--demo needs the line-protocol port, got 0");
            }
            generator =
                    startDemo(config.direct().bindAddress(), config.direct().lineProtocolPort());
        }
        return new LocalRun(job, generator, webPort);
    }

    /**
     * The job's settings plus the embedded cluster's: every Flink service on loopback (REST and web
     * UI, the BLOB server, RPC), one TaskManager with a slot per subtask of the widest stage, and
     * the reporters the settings ask for.
     */
    static Configuration flinkConfiguration(JobConfig config, Settings settings, int webPort) {
        Configuration conf = CondenserJob.flinkConfiguration(config);
        conf.setString("rest.port", Integer.toString(webPort));
        conf.setString("rest.bind-address", LOOPBACK);
        conf.setString("rest.address", LOOPBACK);
        // the BLOB server binds jobmanager.bind-host (all interfaces when unset)
        conf.setString("jobmanager.bind-host", LOOPBACK);
        conf.setString("jobmanager.rpc.address", LOOPBACK);
        conf.setString("taskmanager.bind-host", LOOPBACK);
        conf.setString("taskmanager.host", LOOPBACK);
        conf.setString("taskmanager.numberOfTaskSlots", Integer.toString(config.parallelism()));
        if (settings.metricsPort() != 0) {
            String prefix = "metrics.reporter." + PROMETHEUS_REPORTER + ".";
            conf.setString(
                    prefix + "factory.class", BoundPrometheusReporterFactory.class.getName());
            conf.setString(
                    prefix + BoundPrometheusReporterFactory.HOST, settings.metricsBindAddress());
            conf.setString(
                    prefix + BoundPrometheusReporterFactory.PORT,
                    Integer.toString(settings.metricsPort()));
        }
        if (settings.statusInterval() != null) {
            String prefix = "metrics.reporter." + STATUS_REPORTER + ".";
            conf.setString(prefix + "factory.class", StatusLineReporterFactory.class.getName());
            conf.setString(prefix + "interval", settings.statusInterval().toMillis() + " ms");
        }
        return conf;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        }
    }

    private static Thread startDemo(String host, int port) {
        String address = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        LineProtocolLoadGenerator.Options options =
                new LineProtocolLoadGenerator.Options(
                        URI.create("tcp://" + address + ":" + port),
                        1,
                        DEMO_RATE_SAMPLES_PER_S,
                        Duration.ofDays(365),
                        100,
                        DEMO_HOSTS,
                        false,
                        0);
        Thread t =
                new Thread(
                        () -> {
                            // the listener opens when the job's tasks are running: retry the
                            // connection a bounded number of times
                            for (int attempt = 1; attempt <= 60; attempt++) {
                                try {
                                    LOG.info(
                                            "demo: {}",
                                            new LineProtocolLoadGenerator(options).run());
                                    return;
                                } catch (InterruptedException e) {
                                    return;
                                } catch (Exception e) {
                                    if (Thread.currentThread().isInterrupted()) {
                                        return;
                                    }
                                    LOG.info(
                                            "demo: waiting for the line-protocol port ({})",
                                            e.toString());
                                    try {
                                        Thread.sleep(1000);
                                    } catch (InterruptedException ie) {
                                        return;
                                    }
                                }
                            }
                        },
                        "condenser-demo-load");
        t.setDaemon(true);
        t.start();
        return t;
    }

    public JobClient job() {
        return job;
    }

    /** The port the web UI and REST API listen on (127.0.0.1). */
    public int webPort() {
        return webPort;
    }

    /** Blocks until the job ends (cancelled, or failed for good). */
    public void await() throws Exception {
        job.getJobExecutionResult().get();
    }

    /**
     * Stops the demo traffic and cancels the job unless it has ended already (failed for good: the
     * embedded cluster shut down with it, and there is nothing to cancel); bounded.
     */
    public void stop(Duration timeout) throws Exception {
        if (demo != null) {
            demo.interrupt();
        }
        if (job.getJobExecutionResult().isDone()) {
            return;
        }
        try {
            job.cancel().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | IllegalStateException e) {
            // it ended meanwhile (IllegalStateException: and its MiniCluster shut down)
            LOG.debug("cancel: {}", e.toString());
        }
    }
}
