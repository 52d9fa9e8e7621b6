package io.condenser.jobs.functions;

import io.condenser.jobs.operators.RestoredKeyCounts;
import io.condenser.jobs.rules.LiveRules;
import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.jobs.state.StateAccess;
import io.condenser.jobs.state.StateDescriptors;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import io.condenser.rules.engine.Admission;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineLevel;
import io.condenser.rules.engine.GroupStage;
import io.condenser.rules.engine.GroupState;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.Timers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The group stage in the job, keyed by (rule, output group): a thin adapter running {@link
 * GroupStage} over keyed state (RocksDB) and event-time timers. Its operator ({@code
 * GroupWindowOperator}) tells it when a watermark has passed and how many groups of each rule its
 * key groups hold after a restore ({@code max_output_series} admission).
 */
public final class GroupWindowFunction
        extends KeyedBroadcastProcessFunction<String, SeriesPartial, RuleSetUpdate, Sample>
        implements RestoredKeyCounts {

    private static final long serialVersionUID = 1L;

    private transient GroupStage stage;
    private transient LiveRules rules;
    private transient FlinkGroupStore store;
    private transient TimerService timerService;
    private transient Timers timers;
    private transient Map<String, Integer> restoredGroups;

    @Override
    public void open(OpenContext openContext) {
        StageMetrics metrics =
                new StageMetrics(getRuntimeContext().getMetricGroup(), EngineCounter.Stage.GROUP);
        RuleTimeline timeline = new RuleTimeline();
        Admission admission =
                new Admission(getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks());
        if (restoredGroups != null) {
            admission.restore(restoredGroups);
            metrics.restoreLevel(EngineLevel.GROUPS_ACTIVE, restoredGroups);
        }
        stage = new GroupStage(timeline, admission, metrics);
        rules = new LiveRules(timeline, metrics::registerRules);
        store =
                new FlinkGroupStore(
                        getRuntimeContext().getState(StateDescriptors.group()),
                        getRuntimeContext().getMapState(StateDescriptors.groupWindows()),
                        getRuntimeContext().getListState(StateDescriptors.parkedPartials()),
                        getRuntimeContext().getState(StateDescriptors.parkedSince()));
        metrics.gauge(StageMetrics.RULE_VERSIONS_LIVE, timeline::liveVersions);
        timers = ts -> timerService.registerEventTimeTimer(ts);
    }

    @Override
    public String countedState() {
        return StateDescriptors.group().getName();
    }

    /** Before {@link #open}: the groups per rule in this subtask's restored state. */
    @Override
    public void restoreKeyCounts(Map<String, Integer> groupsPerRule) {
        this.restoredGroups = groupsPerRule;
    }

    /** After the timers a watermark fired. */
    public void onWatermark(long watermark) {
        stage.onWatermark(watermark);
    }

    @Override
    public void processElement(SeriesPartial p, ReadOnlyContext ctx, Collector<Sample> out)
            throws Exception {
        if (!rules.ensured()) {
            rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        }
        timerService = ctx.timerService();
        stage.onPartial(p, timerService.currentWatermark(), store, timers);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Sample> out)
            throws Exception {
        rules.ensure(ctx.getBroadcastState(StateDescriptors.rules()));
        timerService = ctx.timerService();
        stage.onTimer(timestamp, ctx.getCurrentKey(), store, timers, out::collect);
    }

    @Override
    public void processBroadcastElement(RuleSetUpdate update, Context ctx, Collector<Sample> out)
            throws Exception {
        // the match stage counts and logs rejected sets; old definitions run on until their
        // windows have closed (RuleTimeline), so no state is touched here
        if (rules.accept(update, ctx.getBroadcastState(StateDescriptors.rules()))
                instanceof LiveRules.Accepted accepted) {
            stage.timeline().apply(accepted.set(), accepted.effectiveFromMs());
            rules.store(update, accepted, ctx.getBroadcastState(StateDescriptors.rules()));
        }
    }

    /** The stage's store over the current key's Flink state. */
    static final class FlinkGroupStore implements GroupStage.Store {
        private final ValueState<GroupState> group;
        private final MapState<Long, Aggregator[]> windows;
        private final ListState<SeriesPartial> parked;
        private final ValueState<Long> parkedSince;

        FlinkGroupStore(
                ValueState<GroupState> group,
                MapState<Long, Aggregator[]> windows,
                ListState<SeriesPartial> parked,
                ValueState<Long> parkedSince) {
            this.group = group;
            this.windows = windows;
            this.parked = parked;
            this.parkedSince = parkedSince;
        }

        @Override
        public GroupState state() {
            return StateAccess.get(group);
        }

        @Override
        public void update(GroupState state) {
            StateAccess.put(group, state);
        }

        @Override
        public void clear() {
            group.clear();
            windows.clear();
        }

        @Override
        public Aggregator[] window(long end) {
            return StateAccess.get(windows, end);
        }

        @Override
        public void putWindow(long end, Aggregator[] aggregators) {
            StateAccess.put(windows, end, aggregators);
        }

        @Override
        public void removeWindow(long end) {
            StateAccess.remove(windows, end);
        }

        @Override
        public Iterable<Long> windowEnds() {
            List<Long> ends = new ArrayList<>();
            StateAccess.keys(windows).forEach(ends::add);
            return ends;
        }

        @Override
        public List<SeriesPartial> parked() {
            List<SeriesPartial> out = new ArrayList<>();
            StateAccess.all(parked).forEach(out::add);
            return out;
        }

        @Override
        public void park(SeriesPartial partial) {
            StateAccess.add(parked, partial);
        }

        @Override
        public boolean hasParked() {
            return StateAccess.get(parkedSince) != null;
        }

        @Override
        public long parkedSince() {
            Long since = StateAccess.get(parkedSince);
            return since == null ? Long.MIN_VALUE : since;
        }

        @Override
        public void parkedSince(long watermark) {
            StateAccess.put(parkedSince, watermark);
        }

        @Override
        public void clearParked() {
            parked.clear();
            parkedSince.clear();
        }
    }
}
