package io.condenser.jobs.functions;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.operators.CombiningFunction;
import io.condenser.jobs.rules.LiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.SeriesPartialSerializer;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Sample;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.MatchStage;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.PartialCombiner;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.engine.SeriesPartial;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The match stage in the job: a thin adapter running {@link MatchStage} on the source's subtask
 * (chained to it), with the samples held before the first rule set and the restored watermark in
 * operator state. Rule updates are validated here (a set with any problem is rejected, counted and
 * logged with the validator's messages; the sets in force keep running) and logged with their
 * cutovers.
 */
public final class RuleMatchFunction
        extends BroadcastProcessFunction<Sample, RuleSetUpdate, MatchedSample>
        implements CheckpointedFunction, CombiningFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleMatchFunction.class);

    /** Samples no rule matched, when unmatched input is forwarded. */
    public static final OutputTag<Sample> UNMATCHED =
            new OutputTag<>("unmatched", SampleTypeInfo.INSTANCE);

    /** Pre-aggregated partials of the rules without per-series state. */
    public static final OutputTag<SeriesPartial> PARTIALS =
            new OutputTag<>("partials", SeriesPartialSerializer.TYPE_INFO);

    private final PipelineSettings settings;

    private transient MatchStage stage;
    private transient LiveRules rules;
    private transient Counter rulesApplied;
    private transient Counter rulesRejected;
    private transient ListState<Sample> beforeRulesState;
    private transient ListState<Long> restoredState;
    private transient List<Sample> restoredBeforeRules;
    private transient Iterable<Long> restoredWatermarks;
    private transient StageOutput output;

    public RuleMatchFunction(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        StageMetrics metrics =
                new StageMetrics(getRuntimeContext().getMetricGroup(), EngineCounter.Stage.MATCH);
        RuleTimeline timeline = new RuleTimeline();
        stage =
                new MatchStage(
                        timeline,
                        new PartialCombiner(
                                settings.combinerMaxCachedSeries(),
                                settings.combinerMaxOpenWindows()),
                        metrics,
                        settings.pendingRulesBuffer(),
                        settings.unmatchedInput() == PipelineSettings.UnmatchedInput.FORWARD);
        rules = new LiveRules(timeline, metrics::registerRules);
        rulesApplied = metrics.counter(StageMetrics.RULE_SETS_APPLIED);
        rulesRejected = metrics.counter(StageMetrics.RULE_SETS_REJECTED);
        metrics.gauge(StageMetrics.COMBINER_OPEN_WINDOWS, stage::openWindows);
        metrics.gauge(StageMetrics.RULE_VERSIONS_LIVE, timeline::liveVersions);
        output = new StageOutput();
        if (restoredBeforeRules != null) {
            stage.restoreSamplesBeforeRules(restoredBeforeRules);
            stage.restoredWatermark().restoreFrom(restoredWatermarks);
        }
    }

    /**
     * Routes the stage's results to the collector and side outputs of the current call. Flink hands
     * the same context objects to every call, so their routes are made once.
     */
    private static final class StageOutput implements MatchStage.Output {
        private Collector<MatchedSample> out;
        private Object context;
        private Consumer<SeriesPartial> sidePartials;
        private Consumer<Sample> sideUnmatched;
        private Consumer<SeriesPartial> partials;

        StageOutput at(Collector<MatchedSample> out, ReadOnlyContext ctx) {
            if (ctx != context) {
                context = ctx;
                sidePartials = p -> ctx.output(PARTIALS, p);
                sideUnmatched = s -> ctx.output(UNMATCHED, s);
            }
            return route(out);
        }

        StageOutput at(Collector<MatchedSample> out, Context ctx) {
            if (ctx != context) {
                context = ctx;
                sidePartials = p -> ctx.output(PARTIALS, p);
                sideUnmatched = s -> ctx.output(UNMATCHED, s);
            }
            return route(out);
        }

        private StageOutput route(Collector<MatchedSample> out) {
            this.out = out;
            this.partials = sidePartials;
            return this;
        }

        /** Before a watermark or barrier: partials go where the operator sends them. */
        StageOutput flushingTo(Consumer<SeriesPartial> partials) {
            this.partials = partials;
            return this;
        }

        @Override
        public void toSeriesStage(MatchedSample matched) {
            out.collect(matched);
        }

        @Override
        public void partial(SeriesPartial partial) {
            partials.accept(partial);
        }

        @Override
        public void unmatched(Sample sample) {
            sideUnmatched.accept(sample);
        }
    }

    @Override
    public void processElement(Sample sample, ReadOnlyContext ctx, Collector<MatchedSample> out)
            throws Exception {
        if (!rules.ensured()) {
            rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        }
        stage.onSample(sample, ctx.currentWatermark(), output.at(out, ctx));
    }

    @Override
    public void processBroadcastElement(
            RuleSetUpdate update, Context ctx, Collector<MatchedSample> out) throws Exception {
        LiveRules.Outcome outcome =
                rules.accept(update, ctx.getBroadcastState(StateDescriptors.rules()));
        if (outcome instanceof LiveRules.Rejected rejected) {
            rulesRejected.inc();
            LOG.warn(
                    "rule set v{} from {} rejected, the rules in force stay: {}",
                    update.version(),
                    update.origin(),
                    String.join("; ", rejected.problems()));
        } else if (outcome instanceof LiveRules.Accepted accepted) {
            RuleTimeline.Applied applied =
                    stage.onRules(
                            accepted.set(),
                            accepted.effectiveFromMs(),
                            ctx.currentWatermark(),
                            output.at(out, ctx));
            rules.store(update, accepted, ctx.getBroadcastState(StateDescriptors.rules()));
            rulesApplied.inc();
            LOG.info(
                    "rule set v{} from {} applied: {}; cutovers {}",
                    update.version(),
                    update.origin(),
                    applied.diff(),
                    applied.cutovers());
        } else {
            LOG.info(
                    "rule set v{} from {} holds the rules in force: nothing changes",
                    update.version(),
                    update.origin());
        }
    }

    @Override
    public void flushClosed(long watermark, Consumer<SeriesPartial> out) {
        stage.onWatermark(watermark, output.flushingTo(out));
    }

    @Override
    public void flushAll(Consumer<SeriesPartial> out) {
        stage.flushAll(output.flushingTo(out));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        beforeRulesState.update(stage.samplesBeforeRules());
        restoredState.update(List.of(stage.restoredWatermark().snapshotValue()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        beforeRulesState =
                context.getOperatorStateStore().getListState(StateDescriptors.samplesBeforeRules());
        restoredState =
                context.getOperatorStateStore()
                        .getUnionListState(StateDescriptors.restoredWatermark());
        // open() runs after this and creates the stage
        restoredBeforeRules = new java.util.ArrayList<>();
        beforeRulesState.get().forEach(restoredBeforeRules::add);
        List<Long> watermarks = new java.util.ArrayList<>();
        restoredState.get().forEach(watermarks::add);
        restoredWatermarks = watermarks;
    }
}
