package io.condenser.jobs.testing;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.Pipeline;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.rules.RuleSetUpdateTypeInfoFactory;
import io.condenser.model.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs the pipeline on the test MiniCluster over bounded inputs and returns what reached the sink.
 */
public final class PipelineRunner {

    private PipelineRunner() {}

    /** RocksDB, incremental checkpoints every 100 ms, no generic types (no Kryo anywhere). */
    public static Configuration configuration(Path checkpoints) {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", "rocksdb");
        conf.setString("execution.checkpointing.incremental", "true");
        conf.setString("execution.checkpointing.interval", "100ms");
        conf.setString("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.setString("pipeline.generic-types", "false");
        return conf;
    }

    public static RuleSetUpdate rules(long version, String yaml) {
        return new RuleSetUpdate(version, "test", new TreeMap<>(Map.of("rules.yaml", yaml)));
    }

    /**
     * @param boundMs bounded out-of-orderness of the watermarks (advanced after every sample, as
     *     the {@link Oracle} does)
     */
    public static List<Sample> run(
            Path checkpoints,
            PipelineSettings settings,
            List<Sample> input,
            List<RuleSetUpdate> updates,
            long boundMs)
            throws Exception {
        CollectingSink sink = new CollectingSink();
        run(checkpoints, settings, input, updates, boundMs, sink);
        return sink.samples();
    }

    /** As above, writing to the given sink (e.g. the real remote-write sink). */
    public static void run(
            Path checkpoints,
            PipelineSettings settings,
            List<Sample> input,
            List<RuleSetUpdate> updates,
            long boundMs,
            Sink<Sample> sink)
            throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration(checkpoints));
        env.setParallelism(2);
        // one source subtask, and the match stage chained to it: the watermark each keyed subtask
        // sees when a sample arrives is exactly the one after the previous sample, as in the oracle
        DataStream<Sample> metrics =
                env.fromData(input, SampleTypeInfo.INSTANCE)
                        .map(new FirstSampleWaits(), SampleTypeInfo.INSTANCE)
                        .setParallelism(1)
                        .assignTimestampsAndWatermarks(
                                WatermarkStrategy.<Sample>forGenerator(
                                                c -> new PunctuatedWatermarks(boundMs))
                                        .withTimestampAssigner((s, t) -> s.timestampMs()))
                        .setParallelism(1);
        DataStream<RuleSetUpdate> rules =
                env.fromData(updates, RuleSetUpdateTypeInfoFactory.TYPE_INFO);
        Pipeline.build(env, settings, metrics, rules, sink);
        env.execute("pipeline-itcase");
    }

    /**
     * Holds the first sample back for a moment so the rule set reaches every operator before the
     * input: samples that arrive before the first rule set are matched when it arrives, and are
     * judged late or not only then (RuleMatchFunctionTest covers that), which the reference
     * evaluator cannot reproduce. Pacing only; nothing asserts on time.
     */
    public static final class FirstSampleWaits
            implements org.apache.flink.api.common.functions.MapFunction<Sample, Sample> {
        private static final long serialVersionUID = 1L;
        private transient boolean started;

        @Override
        public Sample map(Sample s) throws Exception {
            if (!started) {
                started = true;
                Thread.sleep(1000);
            }
            return s;
        }
    }
}
