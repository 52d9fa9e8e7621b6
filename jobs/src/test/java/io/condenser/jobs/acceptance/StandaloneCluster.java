package io.condenser.jobs.acceptance;

import io.condenser.connectors.testing.ExternalServer;
import io.condenser.jobs.deploy.ClusterScripts;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user starts for a cluster, with the user-facing scripts: a KRaft broker ({@code
 * scripts/kafka.sh}, its own JVM) and a standalone Flink session cluster ({@code
 * scripts/flink-cluster.sh}, configured by a copy of flink-conf/config.yaml on free ports); jobs
 * are the shaded jar submitted with {@code scripts/flink.sh run}. Stopped by the scripts, which
 * stop only the PIDs they recorded.
 */
public final class StandaloneCluster implements AutoCloseable {

    private final ClusterScripts scripts;
    private final int kafkaPort;
    private final int restPort;
    private final int metricsPort;
    private boolean kafka;
    private boolean flink;

    private StandaloneCluster(Path dir) throws Exception {
        restPort = ExternalServer.freePort();
        kafkaPort = ExternalServer.freePort();
        metricsPort = ExternalServer.freePort();
        Path conf = ClusterScripts.confCopy(dir, restPort, ExternalServer.freePort(), metricsPort);
        Map<String, String> env = new TreeMap<>();
        env.put("FLINK_CONF_DIR", conf.toString());
        env.put("FLINK_REST_PORT", Integer.toString(restPort));
        env.put("CONDENSER_STATE", dir.resolve("run").toString());
        env.put("KAFKA_PORT", Integer.toString(kafkaPort));
        env.put("KAFKA_CONTROLLER_PORT", Integer.toString(ExternalServer.freePort()));
        scripts = new ClusterScripts(env);
    }

    /** Starts the broker and the cluster (bounded waits inside the scripts). */
    public static StandaloneCluster start(Path dir) throws Exception {
        StandaloneCluster c = new StandaloneCluster(dir);
        try {
            c.scripts.run("kafka.sh", "start");
            c.kafka = true;
            c.scripts.run("flink-cluster.sh", "start");
            c.flink = true;
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /**
     * The ports Flink's Prometheus reporter took (flink-conf's range, moved to free ports): one for
     * the JobManager, one for the TaskManager.
     */
    public int[] metricsPorts() {
        return new int[] {metricsPort, metricsPort + 1};
    }

    /** {@code flink.sh run -d <shaded jar> args}; returns the job id. */
    public String submit(String... jobArgs) throws Exception {
        String[] args = new String[jobArgs.length + 3];
        args[0] = "run";
        args[1] = "-d";
        args[2] = Launcher.JAR.toString();
        System.arraycopy(jobArgs, 0, args, 3, jobArgs.length);
        String out = scripts.run("flink.sh", args);
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(out);
        if (!m.find()) {
            throw new AssertionError("no job id in:\n" + out);
        }
        return m.group(1);
    }

    @Override
    public void close() {
        if (flink) {
            scripts.stopQuietly("flink-cluster.sh");
        }
        if (kafka) {
            scripts.stopQuietly("kafka.sh");
        }
    }
}
