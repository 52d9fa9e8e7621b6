package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.condenser.connectors.testing.ExternalServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar on a standalone cluster ({@code flink-cluster.sh}, {@code flink.sh run}), its HTTP
 * port taken: the job fails for good instead of restarting forever, and {@code flink run} (which
 * waits for the job result) exits non-zero showing the one line that names port, address and
 * listener.
 */
class ClusterBindFailureITCase {

    @TempDir Path dir;
    private ClusterScripts scripts;

    @AfterEach
    void stopCluster() {
        if (scripts != null) {
            scripts.stopQuietly("flink-cluster.sh");
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aBusyPortFailsTheJobOnTheClusterWithOneLine() throws Exception {
        int restPort = ExternalServer.freePort();
        Path conf =
                ClusterScripts.confCopy(
                        dir, restPort, ExternalServer.freePort(), ExternalServer.freePort());
        Map<String, String> env = new TreeMap<>();
        env.put("FLINK_CONF_DIR", conf.toString());
        env.put("FLINK_REST_PORT", Integer.toString(restPort));
        env.put("CONDENSER_STATE", dir.resolve("run").toString());
        scripts = new ClusterScripts(env);
        scripts.run("flink-cluster.sh", "start");

        int port = ExternalServer.freePort();
        Path rules = Files.writeString(dir.resolve("rules.yaml"), ClusterEndToEndITCase.RULES_V1);
        Path config = dir.resolve("condenser.yaml");
        Files.writeString(
                config,
                "source:\n  type: direct\n  direct:\n    bind-address: 127.0.0.1\n"
                        + "    line-protocol-port: 0\n    http-port: "
                        + port
                        + "\n    graphite-port: 0\n"
                        + "rules:\n  path: "
                        + rules
                        + "\ncheckpoints:\n  interval: 2s\nparallelism: 1\n");
        String jar = ClusterScripts.ROOT.resolve("jobs/target/condenser-jobs.jar").toString();
        try (ServerSocket influx = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            Throwable run =
                    catchThrowable(
                            () ->
                                    scripts.run(
                                            "flink.sh", "run", jar, "--config", config.toString()));
            assertThat(run)
                    .as("flink run waits for the job: it must end, failed, not restart forever")
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " on 127.0.0.1 (HTTP) is in use");
        }
    }
}
