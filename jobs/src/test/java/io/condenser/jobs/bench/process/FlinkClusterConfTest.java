package io.condenser.jobs.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster the benchmark starts runs the repository's own Flink configuration, with only ports,
 * slots and directories changed; the scripts and the jar are found from the checkout.
 */
class FlinkClusterConfTest {

    @TempDir Path dir;

    @Test
    void theCopyChangesOnlyPortsSlotsAndDirectories() throws Exception {
        Repository repo = Repository.locate();
        assertThat(repo.script("flink-cluster.sh")).isExecutable();
        assertThat(repo.script("kafka.sh")).isExecutable();
        Path conf = FlinkCluster.writeConf(repo, dir, 18081, 16123, 19300, 3);
        String copy = Files.readString(conf.resolve("config.yaml"));
        String original = Files.readString(repo.flinkConf());
        assertThat(copy)
                .contains("port: 18081")
                .contains("port: 16123")
                .contains("port: 19300-19301")
                .contains("numberOfTaskSlots: 3")
                .contains(dir.toUri() + "flink/checkpoints")
                .contains("metrics.fetcher.update-interval: 1000")
                .doesNotContain("/tmp/condenser/");
        // everything else as the repository has it
        assertThat(copy)
                .contains(
                        original.substring(
                                original.indexOf("restart-strategy:"),
                                original.indexOf("pipeline:")));
    }
}
