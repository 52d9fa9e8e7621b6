package io.condenser.jobs.functions;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.combine.CombiningFunction;
import io.condenser.jobs.combine.PartialCombiner;
import io.condenser.jobs.model.MatchedSample;
import io.condenser.jobs.model.SeriesPartial;
import io.condenser.jobs.rules.ActiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.eval.WindowSteps;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSetDiff;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
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
 * Matches each sample against the broadcast rule set, removes each matching rule's {@code
 * drop_input_labels}, and either emits it for the per-series stage (rules that need per-series
 * state: counter outputs or {@code dedup_interval}) or, for every other rule, pre-aggregates it
 * right here per output group and window ({@link PartialCombiner}; the partials leave on the side
 * output {@link #PARTIALS} as windows close), so gauge rules never shuffle raw samples. Rule
 * updates are validated here (a set with any problem is rejected, counted and logged; the previous
 * set keeps running) and the accepted set's texts are kept in broadcast state.
 *
 * <p>A rule added or changed while running starts at the next window boundary after this subtask's
 * watermark: its samples before that are dropped (counted), so its first window is complete. The
 * first rule set the job ever gets has no such gate, and samples arriving before it are held
 * (checkpointed, up to {@link PipelineSettings#pendingRulesBuffer()}, beyond that dropped and
 * counted) and matched when it arrives.
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
            new OutputTag<>("partials", SeriesPartial.TYPE_INFO);

    private final PipelineSettings settings;

    private transient ActiveRules rules;
    private transient List<Rule> matched;
    private transient Map<String, Long> startFrom;
    private transient ArrayDeque<Sample> beforeRules;
    private transient ListState<Sample> beforeRulesState;
    private transient Counter unmatched;
    private transient Counter beforeRuleStart;
    private transient Counter rulesRejected;
    private transient Counter rulesApplied;
    private transient Counter bufferOverflow;
    private transient Counter late;
    private transient Counter nan;
    private transient PartialCombiner combiner;
    private transient RestoredWatermark restored;
    private transient Counter lateAfterRestore;

    public RuleMatchFunction(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new ActiveRules();
        matched = new ArrayList<>();
        startFrom = new HashMap<>();
        var metrics = getRuntimeContext().getMetricGroup();
        unmatched = metrics.counter("samples_unmatched");
        beforeRuleStart = metrics.counter("samples_before_rule_start");
        rulesRejected = metrics.counter("rule_sets_rejected");
        rulesApplied = metrics.counter("rule_sets_applied");
        bufferOverflow = metrics.counter("samples_dropped_before_rules");
        late = metrics.counter("samples_late");
        nan = metrics.counter("samples_nan");
        combiner =
                new PartialCombiner(
                        settings.combinerMaxCachedSeries(), settings.combinerMaxOpenWindows());
        metrics.gauge("combiner_open_windows", combiner::openWindows);
        lateAfterRestore = metrics.counter("samples_late_after_restore");
    }

    @Override
    public void processElement(Sample sample, ReadOnlyContext ctx, Collector<MatchedSample> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        restored.observe(ctx.currentWatermark());
        if (!rules.loaded()) {
            if (beforeRules.size() < settings.pendingRulesBuffer()) {
                beforeRules.add(sample);
            } else {
                bufferOverflow.inc();
            }
            return;
        }
        match(
                sample,
                ctx.currentWatermark(),
                out,
                s -> ctx.output(UNMATCHED, s),
                p -> ctx.output(PARTIALS, p));
    }

    private void match(
            Sample sample,
            long watermark,
            Collector<MatchedSample> out,
            Consumer<Sample> unmatchedOut,
            Consumer<SeriesPartial> partials) {
        rules.index().matchInto(sample.name(), sample.labels()::get, matched);
        if (matched.isEmpty()) {
            unmatched.inc();
            if (settings.unmatchedInput() == PipelineSettings.UnmatchedInput.FORWARD) {
                unmatchedOut.accept(sample);
            }
            return;
        }
        for (int i = 0; i < matched.size(); i++) {
            Rule rule = matched.get(i);
            ActiveRules.Compiled c = rules.rule(rule.name());
            Long from = startFrom.get(rule.name());
            if (from != null && sample.timestampMs() < from) {
                beforeRuleStart.inc();
                continue;
            }
            if (restored.isLate(sample.timestampMs(), c.intervalMs(), c.delayMs())) {
                lateAfterRestore.inc();
                continue;
            }
            Sample input = dropLabels(rule, sample);
            if (c.needsSeriesState()) {
                out.collect(new MatchedSample(rule.name(), c.fingerprint(), input));
            } else if (!input.isStale()) {
                combine(c, input, watermark, partials);
            }
            // a staleness marker only matters to per-series state
        }
    }

    private void combine(
            ActiveRules.Compiled c, Sample s, long watermark, Consumer<SeriesPartial> partials) {
        long ts = s.timestampMs();
        if (Double.isNaN(s.value())) {
            nan.inc();
            return;
        }
        if (WindowSteps.windowEnd(ts, c.intervalMs()) + c.delayMs() <= watermark) {
            late.inc();
            return;
        }
        combiner.add(c, s, ts, s.value(), null, partials);
    }

    @Override
    public void flushClosed(long watermark, Consumer<SeriesPartial> out) {
        combiner.flush(watermark, out);
    }

    @Override
    public void flushAll(Consumer<SeriesPartial> out) {
        combiner.flushAll(out);
    }

    private static Sample dropLabels(Rule rule, Sample sample) {
        List<String> drop = rule.dropInputLabels();
        if (drop.isEmpty()) {
            return sample;
        }
        Labels.Builder b = sample.labels().toBuilder();
        for (String name : drop) {
            b.remove(name);
        }
        Labels labels = b.build();
        return sample.isStale()
                ? Sample.staleMarker(sample.name(), labels, sample.timestampMs())
                : Sample.of(sample.name(), labels, sample.timestampMs(), sample.value());
    }

    @Override
    public void processBroadcastElement(
            RuleSetUpdate update, Context ctx, Collector<MatchedSample> out) throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        boolean first = !rules.loaded();
        ActiveRules.Outcome outcome = rules.update(update);
        if (!outcome.accepted()) {
            rulesRejected.inc();
            LOG.warn(
                    "rule set v{} from {} rejected, the previous set stays in force: {}",
                    update.version(),
                    update.origin(),
                    String.join("; ", outcome.problems()));
            return;
        }
        ctx.getBroadcastState(StateDescriptors.rules()).put(StateDescriptors.CURRENT_RULES, update);
        rulesApplied.inc();
        RuleSetDiff diff = outcome.diff();
        LOG.info("rule set v{} from {} applied: {}", update.version(), update.origin(), diff);
        long watermark = ctx.currentWatermark();
        restored.observe(watermark);
        diff.removed().forEach(startFrom::remove);
        java.util.Set<String> restarting = new java.util.HashSet<>(diff.removed());
        restarting.addAll(diff.changed());
        combiner.forget(restarting);
        if (!first && watermark != Long.MIN_VALUE) {
            List<String> starting = new ArrayList<>(diff.added());
            starting.addAll(diff.changed());
            for (String name : starting) {
                ActiveRules.Compiled c = rules.rule(name);
                if (c != null) {
                    startFrom.put(name, WindowSteps.windowEnd(watermark, c.intervalMs()));
                }
            }
        }
        while (!beforeRules.isEmpty()) {
            match(
                    beforeRules.poll(),
                    watermark,
                    out,
                    s -> ctx.output(UNMATCHED, s),
                    p -> ctx.output(PARTIALS, p));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        beforeRulesState.update(new ArrayList<>(beforeRules));
        restored.snapshot();
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        beforeRulesState =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "samples-before-rules", SampleTypeInfo.INSTANCE));
        beforeRules = new ArrayDeque<>();
        restored = new RestoredWatermark();
        restored.initialize(context.getOperatorStateStore());
        for (Sample s : beforeRulesState.get()) {
            beforeRules.add(s);
        }
    }
}
