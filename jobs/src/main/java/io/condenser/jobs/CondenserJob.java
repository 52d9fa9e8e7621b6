package io.condenser.jobs;

import io.condenser.connectors.direct.DefaultDirectParsers;
import io.condenser.connectors.direct.DirectSource;
import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.eventtime.EventTimeSource;
import io.condenser.connectors.kafka.KafkaSampleSource;
import io.condenser.connectors.kafka.KafkaSourceConfig;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.cli.JobConfigOptions;
import io.condenser.jobs.config.JobConfig;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.file.RuleFileSource;
import io.condenser.jobs.rules.kafka.KafkaRuleSource;
import io.condenser.jobs.sinks.PrintingSink;
import io.condenser.model.Sample;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;

/**
 * The job a Flink cluster runs ({@code flink run jobs/target/condenser-jobs.jar --config
 * condenser.yaml}): reads the configuration, builds the sources, the sink and the pipeline, and
 * executes. {@code ./condenser run} builds the same graph on an embedded cluster.
 */
public final class CondenserJob {

    public static final String JOB_NAME = "condenser";

    // operator uids are part of the savepoint format: never change them. The two rule sources have
    // different split types, so they get different uids (switching needs --allowNonRestoredState)
    public static final String UID_DIRECT_SOURCE = "condenser-direct-source";
    public static final String UID_RULES_FILE = "condenser-rules-file";
    public static final String UID_RULES_TOPIC = "condenser-rules-topic";

    private CondenserJob() {}

    public static void main(String[] args) throws Exception {
        JobConfigOptions options = new JobConfigOptions();
        CommandLine cl = new CommandLine(options);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cl.usage(System.err);
            System.exit(2);
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(System.out);
            return;
        }
        JobConfig config = options.toConfig();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        build(env, config);
        env.execute(JOB_NAME);
    }

    /**
     * Job-level Flink settings: RocksDB with incremental checkpoints at the configured interval, no
     * generic (Kryo) types anywhere.
     */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString(
                "execution.checkpointing.interval", config.checkpointInterval().toMillis() + "ms");
        if (config.checkpointDir() != null) {
            conf.setString("execution.checkpointing.dir", config.checkpointDir());
            conf.setString("execution.checkpointing.savepoint-dir", config.checkpointDir());
        }
        conf.setString("pipeline.generic-types", "false");
        conf.setString("parallelism.default", Integer.toString(config.parallelism()));
        return conf;
    }

    /** Adds sources, pipeline and sink to {@code env}. */
    public static void build(StreamExecutionEnvironment env, JobConfig config) {
        env.setParallelism(config.parallelism());
        PipelineSettings settings =
                PipelineSettings.builder().unmatchedInput(config.unmatchedInput()).build();
        Pipeline.build(env, settings, metrics(env, config), rules(env, config), sink(config));
    }

    /** The configured metrics source with event time, attached to {@code env}. */
    public static DataStream<Sample> metrics(StreamExecutionEnvironment env, JobConfig config) {
        if (config.sourceType() == JobConfig.SourceType.KAFKA) {
            return KafkaSampleSource.attach(
                    env,
                    KafkaSourceConfig.builder()
                            .bootstrapServers(config.kafka().bootstrapServers())
                            .topic(config.kafka().topic())
                            .groupId(config.kafka().groupId())
                            .build(),
                    config.eventTimeConfig());
        }
        DirectSourceConfig directConfig = config.direct().connectorConfig();
        DirectSource direct =
                new DirectSource(directConfig, DefaultDirectParsers.forConfig(directConfig));
        // event time per agent connection, agreed over all subtasks (EventTimeSource)
        EventTimeSource<Sample, ?, ?> source =
                EventTimeSource.of(
                        direct,
                        config.eventTimeConfig(),
                        (sample, ts) -> sample.timestampMs(),
                        SampleTypeInfo.INSTANCE);
        return env.fromSource(source, source.watermarkStrategy(), "direct-source")
                .uid(UID_DIRECT_SOURCE)
                .name("direct-source");
    }

    /** The configured rule source, attached to {@code env}. */
    public static DataStream<RuleSetUpdate> rules(
            StreamExecutionEnvironment env, JobConfig config) {
        if (config.rulesTopic() != null) {
            return env.fromSource(
                            KafkaRuleSource.create(
                                    config.kafka().bootstrapServers(),
                                    config.rulesTopic(),
                                    config.kafka().groupId() + "-rules"),
                            WatermarkStrategy.noWatermarks(),
                            "rules-topic")
                    .uid(UID_RULES_TOPIC)
                    .name("rules-topic")
                    .setParallelism(1);
        }
        RuleFileSource source =
                RuleFileSource.builder(Path.of(config.rulesPath()))
                        .pollInterval(config.rulesPollInterval())
                        .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "rules-file")
                .uid(UID_RULES_FILE)
                .name("rules-file")
                .setParallelism(1);
    }

    static Sink<Sample> sink(JobConfig config) {
        if (config.remoteWrite().urls().isEmpty()) {
            return new PrintingSink();
        }
        return config.remoteWrite().sinkBuilder().build();
    }
}
