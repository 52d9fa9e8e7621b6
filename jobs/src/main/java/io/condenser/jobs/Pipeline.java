package io.condenser.jobs;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.functions.GroupWindowFunction;
import io.condenser.jobs.functions.RuleMatchFunction;
import io.condenser.jobs.functions.RuleStreamWatermarks;
import io.condenser.jobs.functions.SeriesFeedFunction;
import io.condenser.jobs.operators.CombiningBroadcastOperator;
import io.condenser.jobs.operators.CombiningKeyedBroadcastOperator;
import io.condenser.jobs.operators.GroupWindowOperator;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.MatchedSampleSerializer;
import io.condenser.jobs.state.SeriesPartialSerializer;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Sample;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The aggregation pipeline, with sources and sink injected (tests pass bounded sources and a
 * collecting sink; {@code CondenserJob} the production ones):
 *
 * <pre>
 * metrics ─► match (broadcast rules) ─┬─ gauge rules: pre-aggregated in place ──────────────┐
 *                                     └─ counter/dedup rules ─► keyBy(rule, input series):   │
 *                                        SeriesFeedFunction, pre-aggregated ────────────────┤
 *         ┌──────────────────────────────────────────────────────────────────────────────────┘
 *         └─► keyBy(rule, output group): GroupWindowFunction ─► keyBy(output series) ─► sink
 * </pre>
 *
 * See docs/architecture.md for why there are two keyed stages and how rule updates apply.
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * Adds the pipeline to {@code env}.
     *
     * @param metrics the samples, timestamps and watermarks already assigned by the caller
     * @param rules rule-set updates (whole sets, latest wins); its event time is ignored
     * @param sink where output series (and forwarded unmatched input) go
     */
    public static void build(
            StreamExecutionEnvironment env,
            PipelineSettings settings,
            DataStream<Sample> metrics,
            DataStream<RuleSetUpdate> rules,
            Sink<Sample> sink) {
        env.setMaxParallelism(settings.maxParallelism());
        long graceMs = settings.rulesGrace().toMillis();
        SingleOutputStreamOperator<RuleSetUpdate> timedRules =
                rules.assignTimestampsAndWatermarks(
                                WatermarkStrategy.forGenerator(
                                        c -> new RuleStreamWatermarks(graceMs)))
                        .uid(Uids.RULES_WATERMARKS)
                        .name("rules-watermarks");
        if (rules.getParallelism() > 0) {
            // one watermark generator per rule-source subtask: a generator that never sees a rule
            // set would hold event time for the whole grace period
            timedRules.setParallelism(rules.getParallelism());
        }
        // the stages need Flink's broadcast operators plus a hook at each watermark (and, for the
        // pre-aggregating ones, at each barrier), hence the operators instead of .process(function)
        DataStream<RuleSetUpdate> rulesToAll = timedRules.broadcast();
        List<MapStateDescriptor<?, ?>> rulesState = List.of(StateDescriptors.rules());
        SingleOutputStreamOperator<MatchedSample> matched =
                metrics.connect(rulesToAll)
                        .transform(
                                "match-rules",
                                MatchedSampleSerializer.TYPE_INFO,
                                new CombiningBroadcastOperator<>(
                                        new RuleMatchFunction(settings),
                                        rulesState,
                                        RuleMatchFunction.PARTIALS))
                        .uid(Uids.MATCH)
                        .name("match-rules");
        matched.setMaxParallelism(settings.maxParallelism());
        if (metrics.getParallelism() > 0) {
            // chained to the metrics' last operator: no shuffle before the first keyBy
            matched.setParallelism(metrics.getParallelism());
        }

        SingleOutputStreamOperator<SeriesPartial> seriesPartials =
                matched.keyBy(MatchedSample::seriesKey, Types.STRING)
                        .connect(rulesToAll)
                        .transform(
                                "series-feed",
                                SeriesPartialSerializer.TYPE_INFO,
                                new CombiningKeyedBroadcastOperator<>(
                                        new SeriesFeedFunction(settings), rulesState))
                        .uid(Uids.SERIES_WINDOW)
                        .name("series-feed");
        seriesPartials.setMaxParallelism(settings.maxParallelism());
        DataStream<SeriesPartial> partials =
                matched.getSideOutput(RuleMatchFunction.PARTIALS).union(seriesPartials);

        SingleOutputStreamOperator<Sample> outputs =
                partials.keyBy(SeriesPartial::groupKey, Types.STRING)
                        .connect(rulesToAll)
                        .transform(
                                "group-window",
                                SampleTypeInfo.INSTANCE,
                                new GroupWindowOperator(new GroupWindowFunction(), rulesState))
                        .uid(Uids.GROUP_WINDOW)
                        .name("group-window");
        outputs.setMaxParallelism(settings.maxParallelism());

        DataStream<Sample> toSink = outputs;
        if (settings.unmatchedInput() == PipelineSettings.UnmatchedInput.FORWARD) {
            toSink = outputs.union(matched.getSideOutput(RuleMatchFunction.UNMATCHED));
        }
        toSink.keyBy(Sample::seriesHash, Types.LONG)
                .sinkTo(sink)
                .uid(Uids.SINK)
                .name("sink")
                .setMaxParallelism(settings.maxParallelism());
    }
}
