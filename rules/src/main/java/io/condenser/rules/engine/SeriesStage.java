package io.condenser.rules.engine;

import io.condenser.model.Sample;
import io.condenser.rules.aggregate.CounterDelta;
import java.util.List;
import java.util.function.Consumer;

/**
 * The per-series stage, keyed by (rule, input series), for definitions with counter outputs or
 * {@code dedup_interval}: runs each sample through the series' {@link SeriesFeed} (dedup,
 * staleness, counter deltas) and pre-aggregates what it lets through per output group and window
 * ({@link PartialCombiner}). Per sample that is one state read and one write of a few dozen bytes.
 *
 * <p>Ordering: the rule update that defines a definition travels beside the samples, so a sample
 * can arrive before this stage knows its definition. It is then parked, with every later sample of
 * the same series, so the series is applied in arrival order once the definition is known (on the
 * next sample, or on a timer when event time passes it); a definition that never arrives drops its
 * parked samples (counted).
 *
 * <p>A changed rule's series keep one feed across the hand-over: the counter delta between the old
 * definition's last sample and the new one's first belongs to the new definition's first window, so
 * neither definition loses a window. Timers: one per series per staleness interval, and with {@code
 * dedup_interval} one per window that holds a sample.
 */
public final class SeriesStage {

    /** The current key's state. */
    public interface Store {
        SeriesState state();

        void update(SeriesState state);

        void clear();

        /** Parked samples of this key in arrival order (empty when none). */
        List<MatchedSample> parked();

        void park(MatchedSample sample);

        /** Whether anything is parked. */
        boolean hasParked();

        /** The watermark when the oldest parked sample arrived (when {@link #hasParked}). */
        long parkedSince();

        void parkedSince(long watermark);

        void clearParked();
    }

    private final RuleTimeline timeline;
    private final PartialCombiner combiner;
    private final EngineCounts counts;

    public SeriesStage(RuleTimeline timeline, PartialCombiner combiner, EngineCounts counts) {
        this.timeline = timeline;
        this.combiner = combiner;
        this.counts = counts;
    }

    public RuleTimeline timeline() {
        return timeline;
    }

    /** One matched sample for the current key. */
    public void onSample(
            MatchedSample m,
            long watermark,
            Store store,
            Timers timers,
            Consumer<SeriesPartial> out) {
        if (store.hasParked() && !unpark(store, timers, out, false)) {
            park(m, watermark, store, timers); // behind samples still waiting: keep the order
            return;
        }
        RuleTimeline.Span span = timeline.span(m.rule(), m.fingerprint());
        if (span == null) {
            park(m, watermark, store, timers);
            return;
        }
        apply(m, span.rule(), watermark, store, timers, out);
    }

    private static void park(MatchedSample m, long watermark, Store store, Timers timers) {
        if (!store.hasParked()) {
            store.parkedSince(watermark);
        }
        store.park(m);
        timers.register(
                Math.max(
                        m.sample().timestampMs(),
                        watermark == Long.MAX_VALUE ? watermark : watermark + 1));
    }

    /**
     * Applies the parked samples whose definition is known now, as of the watermark they arrived
     * at, in order. With {@code drop} (a timer: event time has passed them) the rest are dropped
     * and counted, otherwise the first unknown one and all after it stay parked.
     *
     * @return whether nothing stays parked
     */
    private boolean unpark(Store store, Timers timers, Consumer<SeriesPartial> out, boolean drop) {
        if (!store.hasParked()) {
            return true;
        }
        long since = store.parkedSince();
        List<MatchedSample> parked = store.parked();
        int i = 0;
        for (; i < parked.size(); i++) {
            MatchedSample m = parked.get(i);
            RuleTimeline.Span span = timeline.span(m.rule(), m.fingerprint());
            if (span != null) {
                apply(m, span.rule(), since, store, timers, out);
            } else if (drop) {
                RuleTimeline.Span newest = timeline.newest(m.rule());
                counts.inc(
                        EngineCounter.SAMPLES_UNKNOWN_RULE_VERSION,
                        newest == null ? null : newest.rule());
            } else {
                break;
            }
        }
        store.clearParked();
        if (i < parked.size()) {
            for (int j = i; j < parked.size(); j++) {
                store.park(parked.get(j));
            }
            store.parkedSince(since);
            return false;
        }
        return true;
    }

    private void apply(
            MatchedSample m,
            CompiledRule rule,
            long watermark,
            Store store,
            Timers timers,
            Consumer<SeriesPartial> out) {
        Sample sample = m.sample();
        if (!sample.isStale() && Double.isNaN(sample.value())) {
            counts.inc(EngineCounter.SAMPLES_NAN, rule);
            return;
        }
        long ts = sample.timestampMs();
        if (rule.closeOf(ts) <= watermark) {
            counts.late(EngineCounter.SAMPLES_LATE, rule, ts, watermark);
            return;
        }
        SeriesState s = store.state();
        if (s == null) {
            s = new SeriesState(rule.fingerprint());
            counts.level(EngineLevel.SERIES_ACTIVE, rule, 1);
        } else if (s.fingerprint != rule.fingerprint()) {
            handOver(s, rule, out);
        }
        CompiledRule current = rule;
        SeriesFeed.Params p = rule.feedParams();
        SeriesFeed.Sink sink = (t, v, d) -> applied(current, sample, t, v, d, out);
        if (sample.isStale()) {
            s.feed.end(p, sink);
            s.heldSample = null;
        } else {
            SeriesFeed.Outcome o = s.feed.accept(p, ts, sample.value(), sink);
            if (o == SeriesFeed.Outcome.DEDUPLICATED) {
                counts.inc(EngineCounter.SAMPLES_DEDUPLICATED, rule);
            } else if (o == SeriesFeed.Outcome.HELD) {
                s.heldSample = sample;
                timers.register(rule.closeOf(ts));
            }
            if (!s.feed.holdsSample()) {
                s.heldSample = null;
            }
        }
        if (s.expiryTimerMs == Long.MIN_VALUE) {
            long last = s.feed.lastTimestampMs();
            s.expiryTimerMs = expiry(rule, last == Long.MIN_VALUE ? ts : last);
            timers.register(s.expiryTimerMs);
        }
        store.update(s);
    }

    /**
     * A sample of another definition than the state's: a newer one takes the series over (the held
     * dedup candidate is applied under the old one first); an older one (its last samples, arriving
     * after the new definition's first) is applied without taking the state back.
     */
    private void handOver(SeriesState s, CompiledRule next, Consumer<SeriesPartial> out) {
        RuleTimeline.Span old = timeline.span(next.name(), s.fingerprint);
        RuleTimeline.Span nextSpan = timeline.span(next.name(), next.fingerprint());
        if (old != null && nextSpan != null && nextSpan.fromMs() < old.toMs()) {
            return; // the older definition's sample
        }
        if (old != null && s.feed.holdsSample() && s.heldSample != null) {
            Sample held = s.heldSample;
            CompiledRule r = old.rule();
            s.feed.flush(
                    r.feedParams(),
                    Long.MAX_VALUE,
                    r.intervalMs(),
                    (t, v, d) -> applied(r, held, t, v, d, out));
            s.heldSample = null;
        }
        s.fingerprint = next.fingerprint();
    }

    /**
     * Where the feed's applied samples go: the series' group's window (public for state migrations,
     * which apply restored samples through the same path).
     */
    public void applied(
            CompiledRule rule,
            Sample series,
            long ts,
            double value,
            CounterDelta delta,
            Consumer<SeriesPartial> out) {
        if (rule.anyCounter() && delta == null) {
            counts.inc(EngineCounter.SAMPLES_COUNTER_OUT_OF_ORDER, rule);
        }
        combiner.add(rule, series, ts, value, delta, out);
    }

    /** The first window close at which a series last seen at {@code lastTimestampMs} is silent. */
    static long expiry(CompiledRule rule, long lastTimestampMs) {
        return rule.windowEnd(lastTimestampMs + rule.stalenessMs()) + rule.delayMs();
    }

    /** A timer of the current key: parked samples, a held sample's window, staleness. */
    public void onTimer(
            long timestamp, String key, Store store, Timers timers, Consumer<SeriesPartial> out) {
        unpark(store, timers, out, true);
        SeriesState s = store.state();
        if (s == null) {
            return;
        }
        String ruleName = SeriesPartial.ruleOfKey(key);
        RuleTimeline.Span span = timeline.span(ruleName, s.fingerprint);
        if (span == null) {
            span = timeline.newest(ruleName);
        }
        if (span == null || span.rule().fingerprint() != s.fingerprint && span.ended()) {
            // the rule is gone (removed, and its windows closed)
            CompiledRule gone = span == null ? null : span.rule();
            counts.inc(EngineCounter.SERIES_ENDED_BY_RULE_UPDATE, gone);
            counts.level(EngineLevel.SERIES_ACTIVE, gone, -1);
            store.clear();
            return;
        }
        CompiledRule c = span.rule();
        long closeUpTo = Math.floorDiv(timestamp - c.delayMs(), c.intervalMs()) * c.intervalMs();
        if (s.feed.holdsSample() && s.heldSample != null) {
            Sample held = s.heldSample;
            s.feed.flush(
                    c.feedParams(),
                    closeUpTo,
                    c.intervalMs(),
                    (t, v, d) -> applied(c, held, t, v, d, out));
            if (!s.feed.holdsSample()) {
                s.heldSample = null;
            }
        }
        boolean removed = span.ended() && timeline.successor(span) == null;
        if (removed && closeUpTo >= span.toMs() && !s.feed.holdsSample()) {
            counts.inc(EngineCounter.SERIES_ENDED_BY_RULE_UPDATE, c);
            counts.level(EngineLevel.SERIES_ACTIVE, c, -1);
            store.clear();
            return;
        }
        long last = s.feed.lastTimestampMs();
        if (!s.feed.holdsSample()
                && (last == Long.MIN_VALUE || closeUpTo - last > c.stalenessMs())) {
            counts.level(EngineLevel.SERIES_ACTIVE, c, -1);
            store.clear();
            return;
        }
        if (timestamp >= s.expiryTimerMs) {
            s.expiryTimerMs = expiry(c, s.feed.lastTimestampMs());
            if (removed) {
                // the rule ends before the series would go silent: check when it has
                s.expiryTimerMs = Math.min(s.expiryTimerMs, span.toMs() + c.delayMs());
            }
            timers.register(s.expiryTimerMs);
        }
        store.update(s);
    }

    /** Sends the partials of every window whose close is at or before {@code watermark}. */
    public void onWatermark(long watermark, Consumer<SeriesPartial> out) {
        combiner.flush(watermark, out);
        for (RuleTimeline.Span ended : timeline.prune(watermark)) {
            combiner.forget(ended.rule());
        }
    }

    /** Sends every partial held. */
    public void flushAll(Consumer<SeriesPartial> out) {
        combiner.flushAll(out);
    }

    public int openWindows() {
        return combiner.openWindows();
    }

    /** For the migration of release 0.1 state: applies into a known group. */
    public PartialCombiner combiner() {
        return combiner;
    }

    public EngineCounts counts() {
        return counts;
    }
}
