package io.condenser.rules.eval;

import io.condenser.model.Sample;
import io.condenser.rules.engine.Admission;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.EngineCounts;
import io.condenser.rules.engine.EngineLevel;
import io.condenser.rules.engine.GroupStage;
import io.condenser.rules.engine.MatchStage;
import io.condenser.rules.engine.MatchedSample;
import io.condenser.rules.engine.PartialCombiner;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesStage;
import io.condenser.rules.model.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference evaluator: the job's three stages ({@link MatchStage}, {@link SeriesStage}, {@link
 * GroupStage}) run in one thread over in-memory state and timers, with event time driven by
 * explicit watermarks. {@code condenser rules test}, {@code rules preview} and the job's tests run
 * it; since it is the job's own code, the two cannot drift apart, and a difference between them is
 * a difference in how the job moves its elements, keys, state and time.
 *
 * <p>Semantics (docs/rules.md has the whole of them): windows are tumbling {@code [k·interval,
 * (k+1)·interval)} in epoch ms by sample timestamp; a window closes when the watermark reaches its
 * end + {@code delay} and its outputs carry timestamp = window end; a sample whose window has
 * closed is late (dropped, counted). Rule sets change with an effective time ({@link
 * RuleTimeline}).
 *
 * <p>Not thread-safe.
 */
public final class RuleSetEvaluator {

    /** Bounds of the in-memory pre-aggregation: generous, the evaluator holds everything anyway. */
    private static final int MAX_CACHED_SERIES = 10_000_000;

    private static final int MAX_OPEN_WINDOWS = 10_000_000;

    private final Map<EngineCounter, Long> counts = new EnumMap<>(EngineCounter.class);
    private final Map<String, Map<EngineCounter, Long>> countsPerRule = new HashMap<>();
    private final Map<String, Map<EngineLevel, Integer>> levelsPerRule = new HashMap<>();
    private final EngineCounts counter =
            new EngineCounts() {
                @Override
                public void add(EngineCounter c, CompiledRule rule, long n) {
                    counts.merge(c, n, Long::sum);
                    if (rule != null) {
                        countsPerRule
                                .computeIfAbsent(
                                        rule.name(), r -> new EnumMap<>(EngineCounter.class))
                                .merge(c, n, Long::sum);
                    }
                }

                @Override
                public void level(EngineLevel level, CompiledRule rule, int delta) {
                    if (rule != null) {
                        levelsPerRule
                                .computeIfAbsent(rule.name(), r -> new EnumMap<>(EngineLevel.class))
                                .merge(level, delta, Integer::sum);
                    }
                }
            };
    private final MatchStage match;
    private final SeriesStage series;
    private final GroupStage group;
    private final MemorySeriesStore seriesStore = new MemorySeriesStore();
    private final MemoryGroupStore groupStore = new MemoryGroupStore();
    private final MemoryTimers seriesTimers = new MemoryTimers();
    private final MemoryTimers groupTimers = new MemoryTimers();
    private final List<Sample> emitted = new ArrayList<>();
    private final List<Sample> unmatched = new ArrayList<>();
    private long watermark = Long.MIN_VALUE;

    private final MatchStage.Output matchOut =
            new MatchStage.Output() {
                @Override
                public void toSeriesStage(MatchedSample m) {
                    String key = m.seriesKey();
                    series.onSample(
                            m,
                            watermark,
                            seriesStore.of(key),
                            seriesTimers.of(key),
                            RuleSetEvaluator.this::toGroupStage);
                }

                @Override
                public void partial(SeriesPartial p) {
                    toGroupStage(p);
                }

                @Override
                public void unmatched(Sample sample) {
                    unmatched.add(sample);
                }
            };

    /** Drops unmatched input, as the job does by default. */
    public RuleSetEvaluator() {
        this(false);
    }

    /**
     * @param forwardUnmatched whether samples no rule matches are kept ({@link #takeUnmatched})
     */
    public RuleSetEvaluator(boolean forwardUnmatched) {
        this.match =
                new MatchStage(
                        new RuleTimeline(),
                        new PartialCombiner(MAX_CACHED_SERIES, MAX_OPEN_WINDOWS),
                        counter,
                        Integer.MAX_VALUE,
                        forwardUnmatched);
        this.series =
                new SeriesStage(
                        new RuleTimeline(),
                        new PartialCombiner(MAX_CACHED_SERIES, MAX_OPEN_WINDOWS),
                        counter);
        this.group = new GroupStage(new RuleTimeline(), new Admission(1), counter);
    }

    /**
     * Applies a validated rule set taking effect at {@code effectiveFromMs} (the first set is in
     * force from the beginning), in every stage.
     */
    public RuleTimeline.Applied applyRules(RuleSet set, long effectiveFromMs) {
        series.timeline().apply(set, effectiveFromMs);
        group.timeline().apply(set, effectiveFromMs);
        return match.onRules(set, effectiveFromMs, watermark, matchOut);
    }

    /** One input sample, at the current watermark. */
    public void add(Sample sample) {
        match.onSample(sample, watermark, matchOut);
    }

    /** One input sample already matched to {@code rule} (its selectors are not consulted). */
    public void addMatched(String rule, Sample sample) {
        match.onSampleOf(rule, sample, watermark, matchOut);
    }

    private void toGroupStage(SeriesPartial p) {
        String key = p.groupKey();
        group.onPartial(p, watermark, groupStore.of(key), groupTimers.of(key));
    }

    /**
     * Moves event time to {@code watermarkMs} (never back): closes every window whose end + delay
     * is at or before it, and returns the output samples (sorted by timestamp, then series).
     */
    public List<Sample> advanceWatermark(long watermarkMs) {
        if (watermarkMs <= watermark) {
            return List.of();
        }
        // as in the job: each stage fires its timers, then sends what the watermark closes on,
        // ahead of the watermark itself
        match.onWatermark(watermarkMs, matchOut);
        for (MemoryTimers.Due t; (t = seriesTimers.poll(watermarkMs)) != null; ) {
            series.onTimer(
                    t.timestampMs(),
                    t.key(),
                    seriesStore.of(t.key()),
                    seriesTimers.of(t.key()),
                    this::toGroupStage);
        }
        series.onWatermark(watermarkMs, this::toGroupStage);
        watermark = watermarkMs;
        for (MemoryTimers.Due t; (t = groupTimers.poll(watermarkMs)) != null; ) {
            group.onTimer(
                    t.timestampMs(),
                    t.key(),
                    groupStore.of(t.key()),
                    groupTimers.of(t.key()),
                    emitted::add);
        }
        group.onWatermark(watermarkMs);
        List<Sample> out = new ArrayList<>(emitted);
        emitted.clear();
        out.sort(
                Comparator.comparingLong(Sample::timestampMs)
                        .thenComparing(Sample::seriesId)
                        .thenComparing(Sample::isStale));
        return out;
    }

    /** The forwarded unmatched samples since the last call. */
    public List<Sample> takeUnmatched() {
        List<Sample> out = new ArrayList<>(unmatched);
        unmatched.clear();
        return out;
    }

    public long watermark() {
        return watermark;
    }

    public EvaluatorStats stats() {
        return new EvaluatorStats(counts);
    }

    /** One rule's counters (all of its definitions), as the job exports them per rule. */
    public EvaluatorStats stats(String rule) {
        return new EvaluatorStats(countsPerRule.getOrDefault(rule, Map.of()));
    }

    /** What the stages hold for one rule now (series with state, live groups). */
    public int level(String rule, EngineLevel level) {
        return levelsPerRule.getOrDefault(rule, Map.of()).getOrDefault(level, 0);
    }

    /** Input series with per-series state (counter or dedup rules). */
    public int inputSeriesCount() {
        return seriesStore.size();
    }

    /** Output groups alive (not yet stale). */
    public int outputGroupCount() {
        return groupStore.size();
    }

    /** Samples held back by {@code dedup_interval} for windows that have not closed. */
    public long pendingSampleCount() {
        return seriesStore.holding();
    }

    /** Live rule versions in the group stage (for tests: old definitions are let go). */
    public int liveRuleVersions() {
        return group.timeline().liveVersions();
    }
}
