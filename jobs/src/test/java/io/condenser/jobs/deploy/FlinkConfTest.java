package io.condenser.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.junit.jupiter.api.Test;

/**
 * flink-conf/config.yaml loads with Flink 2.2's own loader and says what its comments say. Flink
 * ignores unknown keys silently, so every key must also be one Flink declares.
 */
class FlinkConfTest {

    static final Path CONF_DIR = Path.of("..", "flink-conf");

    /** The option classes the file draws on (metrics reporters are checked by prefix). */
    static final List<Class<?>> OPTION_CLASSES =
            List.of(
                    JobManagerOptions.class,
                    TaskManagerOptions.class,
                    CoreOptions.class,
                    RestOptions.class,
                    StateBackendOptions.class,
                    CheckpointingOptions.class,
                    RestartStrategyOptions.class,
                    PipelineOptions.class);

    private final Configuration conf =
            GlobalConfiguration.loadConfiguration(CONF_DIR.toAbsolutePath().toString());

    @Test
    void fileIsTheNewYamlFormat() {
        assertThat(Files.exists(CONF_DIR.resolve("config.yaml"))).isTrue();
        assertThat(Files.exists(CONF_DIR.resolve("flink-conf.yaml"))).isFalse();
    }

    @Test
    void everyKeyIsAFlinkOption() throws Exception {
        Set<String> known = knownKeys();
        for (String key : conf.keySet()) {
            if (key.startsWith("metrics.reporter.prom.")) {
                continue;
            }
            assertThat(known).as("key %s is not a Flink 2.2 option", key).contains(key);
        }
    }

    @Test
    void stateAndCheckpoints() {
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:///tmp/condenser/checkpoints");
        assertThat(conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .isEqualTo("file:///tmp/condenser/savepoints");
        assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(5));
        assertThat(conf.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS))
                .isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void restartStrategyBacksOff() {
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
        assertThat(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF))
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF))
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_BACKOFF_MULTIPLIER))
                .isEqualTo(2.0);
        assertThat(
                        conf.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_RESET_BACKOFF_THRESHOLD))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void pipelineMemoryAndEndpoints() {
        assertThat(conf.get(PipelineOptions.GENERIC_TYPES)).isFalse();
        assertThat(conf.get(CoreOptions.DEFAULT_PARALLELISM)).isEqualTo(2);
        assertThat(conf.get(TaskManagerOptions.NUM_TASK_SLOTS)).isEqualTo(2);
        assertThat(conf.get(TaskManagerOptions.TOTAL_PROCESS_MEMORY))
                .isEqualTo(MemorySize.parse("1728m"));
        assertThat(conf.get(JobManagerOptions.TOTAL_PROCESS_MEMORY))
                .isEqualTo(MemorySize.parse("1024m"));
        assertThat(conf.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(RestOptions.PORT)).isEqualTo(8081);
        assertThat(conf.get(JobManagerOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(conf.get(TaskManagerOptions.HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void prometheusReporter() throws Exception {
        assertThat(conf.getString("metrics.reporter.prom.factory.class", null))
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.getString("metrics.reporter.prom.port", null)).isEqualTo("9249-9259");
        // The class must exist where the reporter is loaded (flink-metrics-prometheus).
        assertThat(Class.forName("org.apache.flink.metrics.prometheus.PrometheusReporterFactory"))
                .isNotNull();
        assertThat(conf.keySet().stream().filter(k -> k.startsWith("metrics.reporter.prom.")))
                .containsExactlyInAnyOrder(
                        "metrics.reporter.prom.factory.class", "metrics.reporter.prom.port");
    }

    static Set<String> knownKeys() throws IllegalAccessException {
        return knownKeys(OPTION_CLASSES);
    }

    /** Every key (and fallback key) the ConfigOption constants of {@code classes} declare. */
    static Set<String> knownKeys(List<Class<?>> classes) throws IllegalAccessException {
        Set<String> keys = new HashSet<>();
        for (Class<?> c : classes) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && ConfigOption.class.isAssignableFrom(f.getType())) {
                    ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                    keys.add(o.key());
                    for (FallbackKey k : o.fallbackKeys()) {
                        keys.add(k.getKey());
                    }
                }
            }
        }
        return keys;
    }
}
