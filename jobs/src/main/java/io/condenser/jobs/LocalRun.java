package io.condenser.jobs;

import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.jobs.config.JobConfig;
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

    private LocalRun(JobClient job, Thread demo) {
        this.job = job;
        this.demo = demo;
    }

    /**
     * Starts the job (returns once it is submitted) and, with {@code demo}, the load generator.
     *
     * @param webPort the Flink web UI / REST port, 0 for any free one
     */
    public static LocalRun start(JobConfig config, int webPort, boolean demo) throws Exception {
        Configuration conf = CondenserJob.flinkConfiguration(config);
        conf.setString("rest.port", Integer.toString(webPort));
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        // one TaskManager with a slot per subtask of the widest stage
        conf.setString("taskmanager.numberOfTaskSlots", Integer.toString(config.parallelism()));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        CondenserJob.build(env, config);
        JobClient job = env.executeAsync(CondenserJob.JOB_NAME);
        Thread generator = null;
        if (demo) {
            if (config.direct().lineProtocolPort() == 0) {
                throw new IllegalArgumentException("--demo needs the line-protocol port, got 0");
            }
            generator =
                    startDemo(config.direct().bindAddress(), config.direct().lineProtocolPort());
        }
        return new LocalRun(job, generator);
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

    /** Blocks until the job ends (cancelled, or failed for good). */
    public void await() throws Exception {
        job.getJobExecutionResult().get();
    }

    /** Stops the demo traffic and cancels the job; bounded. */
    public void stop(Duration timeout) throws Exception {
        if (demo != null) {
            demo.interrupt();
        }
        try {
            job.cancel().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.debug("cancel: {}", e.toString()); // already finished
        }
    }
}
