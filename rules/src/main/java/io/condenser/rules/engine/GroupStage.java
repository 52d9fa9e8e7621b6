package io.condenser.rules.engine;

import io.condenser.model.Sample;
import io.condenser.rules.aggregate.Aggregator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The last stage, keyed by (rule, output group): merges the partials of each window and, when the
 * window closes (its end + delay), emits the group's output samples with timestamp = window end.
 * While a group lives, every window closes ({@code total} and {@code increase} emit through idle
 * windows); a group without samples for longer than the staleness interval emits a staleness marker
 * for every series it emitted and is gone.
 *
 * <p>Rule updates ({@link RuleTimeline}): a group runs under one definition; partials of the next
 * definition of its rule (windows after the cutover) wait beside it. When the current definition's
 * last window is out, the group hands over: to the next definition with a fresh carry (a changed
 * {@code total} starts again from 0), and after the new definition's first window every series the
 * old one emitted and the new one does not gets a staleness marker; or, for a removed rule, every
 * series it emitted gets a staleness marker at the end of the window after its last one.
 *
 * <p>Partials of a definition this stage does not know yet are parked until it does (or until event
 * time passes them: dropped, counted).
 */
public final class GroupStage {

    /** The current key's state. */
    public interface Store {
        GroupState state();

        void update(GroupState state);

        /** Clears the group and all its windows. */
        void clear();

        /** The merged aggregators of the window ending at {@code end}, or null. */
        Aggregator[] window(long end);

        void putWindow(long end, Aggregator[] aggregators);

        void removeWindow(long end);

        /** Ends of the windows held. */
        Iterable<Long> windowEnds();

        /** Parked partials in arrival order (empty when none). */
        List<SeriesPartial> parked();

        void park(SeriesPartial partial);

        /** Whether anything is parked. */
        boolean hasParked();

        /** The watermark when the oldest parked partial arrived (when {@link #hasParked}). */
        long parkedSince();

        void parkedSince(long watermark);

        void clearParked();
    }

    private final RuleTimeline timeline;
    private final Admission admission;
    private final EngineCounts counts;

    public GroupStage(RuleTimeline timeline, Admission admission, EngineCounts counts) {
        this.timeline = timeline;
        this.admission = admission;
        this.counts = counts;
    }

    public RuleTimeline timeline() {
        return timeline;
    }

    public Admission admission() {
        return admission;
    }

    /** One partial for the current key. */
    public void onPartial(SeriesPartial p, long watermark, Store store, Timers timers) {
        if (store.hasParked()) {
            unpark(store, timers, false);
        }
        RuleTimeline.Span span = timeline.span(p.rule(), p.fingerprint());
        if (span == null) {
            if (!store.hasParked()) {
                store.parkedSince(watermark);
            }
            store.park(p);
            long probe = watermark == Long.MAX_VALUE ? watermark : watermark + 1;
            timers.register(Math.max(p.windowEnd(), probe));
            return;
        }
        add(p, span, watermark, store, timers);
    }

    private void unpark(Store store, Timers timers, boolean drop) {
        if (!store.hasParked()) {
            return;
        }
        long since = store.parkedSince();
        List<SeriesPartial> parked = store.parked();
        List<SeriesPartial> keep = new ArrayList<>();
        for (SeriesPartial p : parked) {
            RuleTimeline.Span span = timeline.span(p.rule(), p.fingerprint());
            if (span != null) {
                add(p, span, since, store, timers);
            } else if (drop) {
                RuleTimeline.Span newest = timeline.newest(p.rule());
                counts.inc(
                        EngineCounter.PARTIALS_UNKNOWN_RULE_VERSION,
                        newest == null ? null : newest.rule());
            } else {
                keep.add(p);
            }
        }
        store.clearParked();
        if (!keep.isEmpty()) {
            keep.forEach(store::park);
            store.parkedSince(since);
        }
    }

    private void add(
            SeriesPartial p, RuleTimeline.Span span, long watermark, Store store, Timers timers) {
        CompiledRule c = span.rule();
        long close = p.windowEnd() + c.delayMs();
        if (close < watermark) {
            counts.late(EngineCounter.PARTIALS_LATE, c, p.lastTimestampMs(), watermark);
            return;
        }
        GroupState g = store.state();
        if (g == null) {
            if (!admission.admit(c)) {
                counts.inc(EngineCounter.GROUPS_REJECTED_MAX_OUTPUT_SERIES, c);
                return;
            }
            g = new GroupState(c, p.groupMetric(), p.groupLabels());
            counts.level(EngineLevel.GROUPS_ACTIVE, c, 1);
        } else if (g.fingerprint != c.fingerprint()) {
            RuleTimeline.Span current = timeline.span(c.name(), g.fingerprint);
            if (current == null) {
                handOver(g, c); // the group's definition is gone: this one takes over now
            } else if (span.fromMs() < current.toMs()) {
                // an older definition's window
                if (g.lastEmittedEnd != Long.MIN_VALUE) {
                    counts.inc(EngineCounter.PARTIALS_LATE, c); // after the newer one emitted
                    return;
                }
                // the newer one's windows only wait (partials of both can come in any order,
                // e.g. all at once before a checkpoint barrier): the group starts with the older
                g.fingerprint = c.fingerprint();
                g.carry = WindowSteps.newCarry(c.rule().outputs());
            }
        } else if (p.windowEnd() <= g.lastEmittedEnd) {
            counts.inc(EngineCounter.PARTIALS_LATE, c); // watermarks start over after a restore
            return;
        }
        Aggregator[] merged = store.window(p.windowEnd());
        if (merged == null) {
            merged = p.aggregators();
        } else {
            for (int i = 0; i < merged.length; i++) {
                merged[i].merge(p.aggregators()[i]);
            }
        }
        store.putWindow(p.windowEnd(), merged);
        g.windowLastSeen.merge(p.windowEnd(), p.lastTimestampMs(), Math::max);
        store.update(g);
        timers.register(close);
    }

    /** The group continues under {@code next}: a fresh carry, the old series remembered. */
    private static void handOver(GroupState g, CompiledRule next) {
        g.inherited = new ArrayList<>(g.emitted);
        g.emitted = new ArrayList<>();
        g.fingerprint = next.fingerprint();
        g.carry = WindowSteps.newCarry(next.rule().outputs());
        g.lastEmittedEnd = Long.MIN_VALUE;
        g.lastSeenMs = Long.MIN_VALUE;
        g.awaitingSuccessor = false;
    }

    /** A timer of the current key: window closes, parked partials, hand-overs. */
    public void onTimer(
            long timestamp, String key, Store store, Timers timers, Consumer<Sample> out) {
        unpark(store, timers, true);
        GroupState g = store.state();
        if (g == null) {
            return;
        }
        String ruleName = SeriesPartial.ruleOfKey(key);
        RuleTimeline.Span span = timeline.span(ruleName, g.fingerprint);
        if (span == null) {
            // its definition is gone from this stage: nothing of it can close any more
            end(g, store, ruleName, Long.MIN_VALUE, out, null);
            return;
        }
        while (true) {
            CompiledRule c = span.rule();
            if (!g.awaitingSuccessor) {
                if (!closeWindows(timestamp, g, span, store, timers, out)) {
                    return; // gone stale (and maybe started anew with a later window)
                }
            }
            if (!span.ended() || timestamp - c.delayMs() < span.toMs()) {
                store.update(g);
                return; // the definition's windows are not all out yet
            }
            RuleTimeline.Span next = timeline.successor(span);
            if (next == null) {
                // removed: markers at the end of the window after the last one emitted
                long at = g.lastEmittedEnd == Long.MIN_VALUE ? Long.MIN_VALUE : g.lastEmittedEnd;
                end(g, store, ruleName, at == Long.MIN_VALUE ? at : at + c.intervalMs(), out, c);
                return;
            }
            CompiledRule n = next.rule();
            long firstClose = next.fromMs() + n.intervalMs() + n.delayMs();
            if (holdsWindowOf(next, store)) {
                handOver(g, n);
                counts.inc(EngineCounter.GROUPS_ENDED_BY_RULE_UPDATE, c);
                span = next;
                continue; // the new definition's closable windows go out now
            }
            if (timestamp < firstClose) {
                g.awaitingSuccessor = true;
                store.update(g);
                timers.register(firstClose);
                return;
            }
            // the new definition's first window closed without this group
            end(g, store, ruleName, next.fromMs() + n.intervalMs(), out, c);
            return;
        }
    }

    /** After the timers a watermark fires: forgets the definitions whose windows have closed. */
    public void onWatermark(long watermark) {
        timeline.prune(watermark);
    }

    private static boolean holdsWindowOf(RuleTimeline.Span span, Store store) {
        for (long end : store.windowEnds()) {
            if (Math.floorMod(end, span.rule().intervalMs()) == 0 && span.coversWindowEnd(end)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Emits every window of the group's definition that has closed at {@code timestamp} and not
     * been emitted, in order; staleness ends the group.
     *
     * @return false when the group went stale (its state is gone or started anew)
     */
    private boolean closeWindows(
            long timestamp,
            GroupState g,
            RuleTimeline.Span span,
            Store store,
            Timers timers,
            Consumer<Sample> out) {
        CompiledRule c = span.rule();
        long lastClosable = Math.floorDiv(timestamp - c.delayMs(), c.intervalMs()) * c.intervalMs();
        long end;
        if (g.lastEmittedEnd != Long.MIN_VALUE) {
            end = g.lastEmittedEnd + c.intervalMs();
        } else {
            end = firstWindowEnd(store, span);
            if (end == Long.MAX_VALUE) {
                return true; // the group starts with a later window
            }
        }
        for (; end <= lastClosable && span.coversWindowEnd(end); end += c.intervalMs()) {
            Aggregator[] window = store.window(end);
            Long seen = g.windowLastSeen.remove(end);
            if (seen != null) {
                g.lastSeenMs = Math.max(g.lastSeenMs, seen);
            }
            if (window == null && end - g.lastSeenMs > c.stalenessMs()) {
                stale(g, c, end, store, out);
                return false;
            }
            if (window != null) {
                store.removeWindow(end);
            }
            emit(g, c, window, end, out);
            g.lastEmittedEnd = end;
        }
        if (span.coversWindowEnd(end)) {
            timers.register(end + c.delayMs());
        } else if (span.ended()) {
            timers.register(span.toMs() + c.delayMs()); // the hand-over
        }
        return true;
    }

    /**
     * Silent for longer than the staleness interval: markers for every series the group emitted,
     * and it is gone — unless a later window already has samples (event time jumped over the
     * silence), which starts the group anew.
     */
    private void stale(GroupState g, CompiledRule c, long end, Store store, Consumer<Sample> out) {
        List<GroupState.Emitted> ended = new ArrayList<>(g.emitted);
        ended.addAll(g.inherited);
        for (GroupState.Emitted e : ended) {
            out.accept(Sample.staleMarker(e.name(), e.labels(), end));
        }
        counts.add(EngineCounter.OUTPUTS, c, ended.size());
        counts.inc(EngineCounter.GROUPS_STALE, c);
        boolean later = false;
        for (long w : store.windowEnds()) {
            later |= w > end;
        }
        if (!later) {
            admission.release(c.name());
            counts.level(EngineLevel.GROUPS_ACTIVE, c, -1);
            store.clear();
            return;
        }
        GroupState fresh = new GroupState(c, g.metric, g.labels);
        fresh.windowLastSeen = g.windowLastSeen;
        store.update(fresh);
    }

    /** The end of the group's earliest window of this definition, Long.MAX_VALUE when none. */
    private static long firstWindowEnd(Store store, RuleTimeline.Span span) {
        long first = Long.MAX_VALUE;
        for (long end : store.windowEnds()) {
            if (end < first
                    && Math.floorMod(end, span.rule().intervalMs()) == 0
                    && span.coversWindowEnd(end)) {
                first = end;
            }
        }
        return first;
    }

    private void emit(
            GroupState g, CompiledRule c, Aggregator[] window, long end, Consumer<Sample> out) {
        Set<GroupState.Emitted> known = new HashSet<>(g.emitted);
        Set<GroupState.Emitted> now = g.inherited.isEmpty() ? null : new HashSet<>();
        long[] n = new long[1];
        WindowSteps.emit(
                c.namer(),
                c.rule().outputs(),
                g.metric,
                g.labels,
                g.carry,
                window,
                end,
                sample -> {
                    GroupState.Emitted e = new GroupState.Emitted(sample.name(), sample.labels());
                    if (known.add(e)) {
                        g.emitted.add(e);
                    }
                    if (now != null) {
                        now.add(e);
                    }
                    out.accept(sample);
                    n[0]++;
                });
        if (now != null) {
            // the previous definition's series this one does not emit have ended
            for (GroupState.Emitted e : g.inherited) {
                if (!now.contains(e)) {
                    out.accept(Sample.staleMarker(e.name(), e.labels(), end));
                    n[0]++;
                }
            }
            g.inherited = new ArrayList<>();
        }
        counts.add(EngineCounter.OUTPUTS, c, n[0]);
    }

    /** The group is gone: markers for what it emitted (at {@code markersAt}, if any). */
    private void end(
            GroupState g,
            Store store,
            String ruleName,
            long markersAt,
            Consumer<Sample> out,
            CompiledRule rule) {
        if (markersAt != Long.MIN_VALUE) {
            List<GroupState.Emitted> ended = new ArrayList<>(g.emitted);
            ended.addAll(g.inherited);
            for (GroupState.Emitted e : ended) {
                out.accept(Sample.staleMarker(e.name(), e.labels(), markersAt));
            }
            counts.add(EngineCounter.OUTPUTS, rule, ended.size());
        }
        counts.inc(EngineCounter.GROUPS_ENDED_BY_RULE_UPDATE, rule);
        counts.level(EngineLevel.GROUPS_ACTIVE, rule, -1);
        admission.release(ruleName);
        store.clear();
    }
}
