package io.condenser.jobs.functions;

import io.condenser.jobs.state.Release01SeriesState;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.aggregate.SeriesIds;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.engine.EngineCounter;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.engine.SeriesFeed;
import io.condenser.rules.engine.SeriesPartial;
import io.condenser.rules.engine.SeriesStage;
import io.condenser.rules.engine.SeriesState;
import io.condenser.rules.engine.Timers;
import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.SeriesSelector;
import io.condenser.rules.parse.SelectorSyntaxException;
import io.condenser.rules.parse.SeriesSelectorParser;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.MapState;

/**
 * Per-series state of release 0.1, taken over on the first touch of its key (a sample, or one of
 * 0.1's timers). Release 0.1's series stage buffered samples ({@code pending-samples}) until their
 * window closed and kept each series' output group; today's applies samples as they arrive. The
 * buffered samples are applied in timestamp order, as 0.1 would have, into the group 0.1 recorded
 * (or the series' own, parsed back from the key's selector form: 0.1's state has no labels), then
 * the entry is rewritten in today's layout.
 */
final class Release01Migration {

    private final SeriesStage stage;
    private final MapState<Long, Long> pending;

    Release01Migration(SeriesStage stage, MapState<Long, Long> pending) {
        this.stage = stage;
        this.pending = pending;
    }

    void migrate(String key, SeriesStage.Store store, Timers timers, Consumer<SeriesPartial> out)
            throws Exception {
        SeriesState s = store.state();
        if (!(s instanceof Release01SeriesState legacy)) {
            return;
        }
        SeriesState migrated = new SeriesState(legacy.fingerprint);
        migrated.feed = legacy.feed;
        TreeMap<Long, Long> buffered = new TreeMap<>();
        for (Map.Entry<Long, Long> e : pending.entries()) {
            buffered.put(e.getKey(), e.getValue());
        }
        pending.clear();
        RuleTimeline.Span span =
                stage.timeline().span(SeriesPartial.ruleOfKey(key), legacy.fingerprint);
        if (span != null) {
            apply(key, legacy, migrated, span.rule(), buffered, out);
        }
        store.update(migrated);
    }

    private void apply(
            String key,
            Release01SeriesState legacy,
            SeriesState migrated,
            CompiledRule c,
            TreeMap<Long, Long> buffered,
            Consumer<SeriesPartial> out) {
        SeriesFeed.Params p = c.feedParams();
        Sample identity = seriesOfKey(key);
        SeriesFeed.Sink sink;
        if (identity != null) {
            sink = (t, v, d) -> stage.applied(c, identity, t, v, d, out);
        } else {
            long seriesId = SeriesIds.of(sampleKey(key));
            sink =
                    (t, v, d) -> {
                        if (c.anyCounter() && d == null) {
                            stage.counts().inc(EngineCounter.SAMPLES_COUNTER_OUT_OF_ORDER, c);
                        }
                        stage.combiner()
                                .addToGroup(
                                        c,
                                        legacy.groupMetric,
                                        legacy.groupLabels,
                                        seriesId,
                                        t,
                                        v,
                                        d,
                                        out);
                    };
        }
        for (Map.Entry<Long, Long> e : buffered.entrySet()) {
            if (e.getValue() == Sample.STALE_NAN_BITS) {
                migrated.feed.end(p, sink);
            } else if (migrated.feed.accept(
                            p, e.getKey(), Double.longBitsToDouble(e.getValue()), sink)
                    == SeriesFeed.Outcome.DEDUPLICATED) {
                stage.counts().inc(EngineCounter.SAMPLES_DEDUPLICATED, c);
            }
        }
        if (migrated.feed.holdsSample()) {
            if (identity != null) {
                // stays held (a later sample of its slot may replace it); 0.1's timer at its
                // window close applies it
                migrated.heldSample = identity;
            } else {
                migrated.feed.flush(p, Long.MAX_VALUE, c.intervalMs(), sink);
            }
        }
    }

    /**
     * The input series of a key, parsed back from its selector form; null when it does not parse.
     */
    static Sample seriesOfKey(String key) {
        try {
            SeriesSelector selector = SeriesSelectorParser.parse(sampleKey(key));
            String name = selector.exactMetricName();
            if (name == null) {
                return null;
            }
            Labels.Builder labels = Labels.builder();
            for (LabelMatcher m : selector.matchers()) {
                if (!m.isEquality()) {
                    return null;
                }
                if (!m.name().equals(LabelMatcher.METRIC_NAME)) {
                    labels.set(m.name(), m.value());
                }
            }
            return Sample.of(name, labels.build(), 0, 0);
        } catch (SelectorSyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The input series part of a key: the selector form the series' id is computed from. */
    private static String sampleKey(String key) {
        int i = key.indexOf('\u0000');
        return i < 0 ? key : key.substring(i + 1);
    }
}
