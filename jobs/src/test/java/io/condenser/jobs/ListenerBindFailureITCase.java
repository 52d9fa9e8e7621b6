package io.condenser.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.condenser.connectors.direct.net.ListenerBindException;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.jobs.config.JobConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port already in use (say InfluxDB on 8086) is a configuration error: the job on the local
 * MiniCluster (what {@code ./condenser run} starts) fails for good, at once, and its result carries
 * the one line that names port, address and listener; no restart loop.
 */
class ListenerBindFailureITCase {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aBusyPortFailsTheJobForGoodWithOneLine(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yaml"), LocalRunITCase.RULES);
        int port = ExternalServer.freePort();
        try (ServerSocket influx = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            JobConfig config =
                    JobConfig.builder()
                            .direct(
                                    d ->
                                            d.bindAddress("127.0.0.1")
                                                    .lineProtocolPort(0)
                                                    .httpPort(port)
                                                    .graphitePort(0))
                            .rulesPath(rules.toString())
                            .checkpointInterval(Duration.ofSeconds(1))
                            .checkpointDir(dir.resolve("cp").toUri().toString())
                            .parallelism(1)
                            .build();
            LocalRun run = LocalRun.start(config, ExternalServer.freePort(), false);
            long start = System.nanoTime();
            Throwable failure = catchThrowable(run::await);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertThat(failure).as("the job must fail, not restart forever").isNotNull();
            assertThat(ListenerBindException.messageIn(failure))
                    .hasValue("port " + port + " on 127.0.0.1 (HTTP) is in use");
            // the local environment's MiniCluster ends with the job: a restart loop would never
            // get here (restarts are unbounded with checkpointing on)
            System.out.println("busy port: job FAILED after " + seconds + " s");
            // what condenser run does next: nothing left to cancel, and no error for it
            assertThatCode(() -> run.stop(Duration.ofSeconds(10))).doesNotThrowAnyException();
        }
    }
}
