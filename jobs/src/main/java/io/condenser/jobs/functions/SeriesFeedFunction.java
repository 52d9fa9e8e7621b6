package io.condenser.jobs.functions;

import io.condenser.jobs.PipelineSettings;
import io.condenser.jobs.operators.CombiningFunction;
import io.condenser.jobs.operators.RestoredKeyCounts;
import io.condenser.jobs.rules.LiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateAccess;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineLevel;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.PartialCombiner;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesStage;
import io.condenser.rules.engine.SeriesState;
import io.condenser.rules.engine.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The series stage in the job, keyed by (rule, input series): a thin adapter running {@link
 * SeriesStage} over keyed state (RocksDB) and event-time timers. State written by release 0.1 is
 * migrated on the first touch of its key ({@link Release01Migration}).
 */
public final class SeriesFeedFunction
        extends KeyedBroadcastProcessFunction<String, MatchedSample, RuleSetUpdate, SeriesPartial>
        implements CombiningFunction, RestoredKeyCounts {

    private static final long serialVersionUID = 1L;

    private final PipelineSettings settings;

    private transient SeriesStage stage;
    private transient LiveRules rules;
    private transient FlinkSeriesStore store;
    private transient Release01Migration migration;
    private transient TimerService timerService;
    private transient Timers timers;
    private transient Map<String, Integer> restoredSeries;
    private transient long restoredParkedKeys;

    public SeriesFeedFunction(PipelineSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        StageMetrics metrics =
                new StageMetrics(getRuntimeContext().getMetricGroup(), EngineCounter.Stage.SERIES);
        RuleTimeline timeline = new RuleTimeline();
        stage =
                new SeriesStage(
                        timeline,
                        new PartialCombiner(
                                settings.combinerMaxCachedSeries(),
                                settings.combinerMaxOpenWindows()),
                        metrics);
        rules = new LiveRules(timeline, metrics::registerRules);
        store =
                new FlinkSeriesStore(
                        getRuntimeContext().getState(StateDescriptors.series()),
                        getRuntimeContext().getListState(StateDescriptors.parkedSamples()),
                        getRuntimeContext().getState(StateDescriptors.parkedSince()),
                        restoredParkedKeys);
        migration =
                new Release01Migration(
                        stage, getRuntimeContext().getMapState(StateDescriptors.pendingSamples()));
        if (restoredSeries != null) {
            metrics.restoreLevel(EngineLevel.SERIES_ACTIVE, restoredSeries);
        }
        metrics.gauge(StageMetrics.COMBINER_OPEN_WINDOWS, stage::openWindows);
        metrics.gauge(StageMetrics.RULE_VERSIONS_LIVE, timeline::liveVersions);
        // the timer service object is the operator's, the same in every call
        timers = ts -> timerService.registerEventTimeTimer(ts);
    }

    @Override
    public String countedState() {
        return StateDescriptors.series().getName();
    }

    @Override
    public String parkedState() {
        return StateDescriptors.parkedSince().getName();
    }

    @Override
    public void restoreParkedKeys(long keys) {
        this.restoredParkedKeys = keys;
    }

    /** Before {@link #open}: the series per rule in this subtask's restored state. */
    @Override
    public void restoreKeyCounts(Map<String, Integer> seriesPerRule) {
        this.restoredSeries = seriesPerRule;
    }

    @Override
    public void processElement(MatchedSample m, ReadOnlyContext ctx, Collector<SeriesPartial> out)
            throws Exception {
        if (!rules.ensured()) {
            rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        }
        timerService = ctx.timerService();
        Consumer<SeriesPartial> emit = out::collect;
        store.forCall();
        migration.migrate(ctx.getCurrentKey(), store, timers, emit);
        stage.onSample(m, timerService.currentWatermark(), store, timers, emit);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SeriesPartial> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        timerService = ctx.timerService();
        Consumer<SeriesPartial> emit = out::collect;
        store.forCall();
        migration.migrate(ctx.getCurrentKey(), store, timers, emit);
        stage.onTimer(timestamp, ctx.getCurrentKey(), store, timers, emit);
    }

    @Override
    public void processBroadcastElement(
            RuleSetUpdate update, Context ctx, Collector<SeriesPartial> out) throws Exception {
        // the match stage counts and logs rejected sets
        if (rules.accept(update, ctx.getBroadcastState(StateDescriptors.rules()))
                instanceof LiveRules.Accepted accepted) {
            stage.timeline().apply(accepted.set(), accepted.effectiveFromMs());
            rules.store(update, accepted, ctx.getBroadcastState(StateDescriptors.rules()));
        }
    }

    @Override
    public void flushClosed(long watermark, Consumer<SeriesPartial> out) {
        stage.onWatermark(watermark, out);
    }

    @Override
    public void flushAll(Consumer<SeriesPartial> out) {
        stage.flushAll(out);
    }

    /**
     * The stage's store over the current key's Flink state. Per sample the stage (and the 0.1
     * migration before it) read the series state more than once and ask whether anything is parked;
     * with RocksDB each is a JNI call and a deserialization, so within one call the state read is
     * kept, and while no key of this subtask has anything parked the parked state is not read.
     */
    static final class FlinkSeriesStore implements SeriesStage.Store {
        private final ValueState<SeriesState> series;
        private final ListState<MatchedSample> parked;
        private final ValueState<Long> parkedSince;

        /** Keys of this subtask with parked samples (restored by counting, then kept). */
        private long parkedKeys;

        private SeriesState current;
        private boolean currentRead;

        FlinkSeriesStore(
                ValueState<SeriesState> series,
                ListState<MatchedSample> parked,
                ValueState<Long> parkedSince,
                long parkedKeys) {
            this.series = series;
            this.parked = parked;
            this.parkedSince = parkedSince;
            this.parkedKeys = parkedKeys;
        }

        /** At the start of each element or timer call: the current key may have changed. */
        void forCall() {
            current = null;
            currentRead = false;
        }

        @Override
        public SeriesState state() {
            if (!currentRead) {
                current = StateAccess.get(series);
                currentRead = true;
            }
            return current;
        }

        @Override
        public void update(SeriesState state) {
            StateAccess.put(series, state);
            current = state;
            currentRead = true;
        }

        @Override
        public void clear() {
            series.clear();
            current = null;
            currentRead = true;
        }

        @Override
        public List<MatchedSample> parked() {
            List<MatchedSample> out = new ArrayList<>();
            StateAccess.all(parked).forEach(out::add);
            return out;
        }

        @Override
        public void park(MatchedSample sample) {
            StateAccess.add(parked, sample);
        }

        @Override
        public boolean hasParked() {
            return parkedKeys > 0 && StateAccess.get(parkedSince) != null;
        }

        @Override
        public long parkedSince() {
            Long since = StateAccess.get(parkedSince);
            return since == null ? Long.MIN_VALUE : since;
        }

        @Override
        public void parkedSince(long watermark) {
            if (StateAccess.get(parkedSince) == null) {
                parkedKeys++;
            }
            StateAccess.put(parkedSince, watermark);
        }

        @Override
        public void clearParked() {
            if (StateAccess.get(parkedSince) != null) {
                parkedKeys--;
            }
            parked.clear();
            parkedSince.clear();
        }
    }
}
