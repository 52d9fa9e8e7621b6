package io.condenser.rules.engine;

import io.condenser.rules.match.LabelLookup;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.model.RuleSetDiff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule definitions in force over event time: every stage of the job (and the reference
 * evaluator) holds one and applies the same updates to it, so all of them switch a rule at the same
 * window boundary, whichever of them sees an update first (the M3 cutover model).
 *
 * <p>An update carries an effective time {@code E}. Each rule it changes gets one cutover: the old
 * definition covers every window that ends at or before {@code B_old}, the new one every window
 * that starts at or after {@code B_new}, where {@code B_old = B_new} is the first instant at or
 * after {@code E} that is a window boundary of both intervals (their least common multiple, when
 * that is at most a day; otherwise the old definition ends at its first boundary after {@code E}
 * and the new one starts at its first boundary after that). A removed rule ends at its first
 * boundary at or after {@code E}; an added rule starts at its first boundary at or after {@code E};
 * an unchanged rule is untouched. The first set a timeline ever gets is in force from the beginning
 * of time.
 *
 * <p>So a changed rule loses no window: the old definition's windows up to the boundary are
 * complete, and so are the new definition's from it. Each definition is a {@link Span}; a stage
 * keeps a span (and its state) until its windows have closed at the stage's own watermark ({@link
 * #prune}).
 *
 * <p>Not thread-safe: one per operator instance.
 */
public final class RuleTimeline {

    /** Above this common multiple of two intervals, definitions switch at separate boundaries. */
    static final long MAX_COMMON_BOUNDARY_MS = Duration.ofDays(1).toMillis();

    /**
     * One definition of a rule and the windows it covers: those starting at or after {@link
     * #fromMs()} and ending at or before {@link #toMs()}.
     */
    public static final class Span {
        private final CompiledRule rule;
        private final long fromMs;
        private long toMs;
        private boolean pruned;

        Span(CompiledRule rule, long fromMs, long toMs) {
            this.rule = rule;
            this.fromMs = fromMs;
            this.toMs = toMs;
        }

        public CompiledRule rule() {
            return rule;
        }

        public long fromMs() {
            return fromMs;
        }

        /** Long.MAX_VALUE while no update has ended this definition. */
        public long toMs() {
            return toMs;
        }

        public boolean ended() {
            return toMs != Long.MAX_VALUE;
        }

        /** Whether the window ending at {@code windowEnd} belongs to this definition. */
        public boolean coversWindowEnd(long windowEnd) {
            return windowEnd <= toMs
                    && (fromMs == Long.MIN_VALUE || windowEnd - rule.intervalMs() >= fromMs);
        }

        /** Whether a sample at {@code timestampMs} counts for this definition. */
        public boolean covers(long timestampMs) {
            return coversWindowEnd(rule.windowEnd(timestampMs));
        }

        @Override
        public String toString() {
            return rule + "[" + bound(fromMs) + ", " + bound(toMs) + ")";
        }

        private static String bound(long t) {
            return t == Long.MIN_VALUE ? "-inf" : t == Long.MAX_VALUE ? "+inf" : Long.toString(t);
        }
    }

    /**
     * What one update did.
     *
     * @param diff added, removed and changed rule names against the previous set
     * @param cutovers per touched rule name, where its old definition ends and its new one starts
     *     (Long.MIN_VALUE / Long.MAX_VALUE where there is none)
     */
    public record Applied(RuleSetDiff diff, Map<String, Cutover> cutovers) {}

    /**
     * @param oldEndsMs the old definition covers windows ending at or before this
     * @param newStartsMs the new definition covers windows starting at or after this
     */
    public record Cutover(long oldEndsMs, long newStartsMs) {}

    /** One accepted rule set with the spans of its enabled rules. */
    private static final class Version {
        final RuleSet set;
        final long effectiveFromMs;
        final RuleIndex index;
        final IdentityHashMap<Rule, Span> spans;

        Version(RuleSet set, long effectiveFromMs, IdentityHashMap<Rule, Span> spans) {
            this.set = set;
            this.effectiveFromMs = effectiveFromMs;
            this.index = RuleIndex.of(set.enabledRules());
            this.spans = spans;
        }
    }

    /** Live versions, oldest first. */
    private final List<Version> versions = new ArrayList<>();

    /** Live spans per rule name, oldest first; the last one is the newest definition. */
    private final Map<String, List<Span>> byName = new HashMap<>();

    private final List<Rule> scratch = new ArrayList<>();
    private final List<String> uncovered = new ArrayList<>();

    /** Whether any rule set was applied. */
    public boolean loaded() {
        return !versions.isEmpty();
    }

    /** The newest rule set, {@link RuleSet#EMPTY} before the first. */
    public RuleSet current() {
        return versions.isEmpty() ? RuleSet.EMPTY : versions.get(versions.size() - 1).set;
    }

    /** Effective time of the newest set (Long.MIN_VALUE for the first a timeline got). */
    public long currentEffectiveFromMs() {
        return versions.isEmpty()
                ? Long.MIN_VALUE
                : versions.get(versions.size() - 1).effectiveFromMs;
    }

    /**
     * Applies a validated rule set that takes effect at {@code effectiveFromMs} (ignored for the
     * first set: it is in force from the beginning).
     */
    public Applied apply(RuleSet next, long effectiveFromMs) {
        boolean first = versions.isEmpty();
        long e = first ? Long.MIN_VALUE : effectiveFromMs;
        RuleSetDiff diff = RuleSet.diff(current(), next);
        Map<String, Cutover> cutovers = new LinkedHashMap<>();
        IdentityHashMap<Rule, Span> spans = new IdentityHashMap<>();
        Map<String, Boolean> inNext = new HashMap<>();
        for (Rule r : next.enabledRules()) {
            inNext.put(r.name(), Boolean.TRUE);
            CompiledRule c = CompiledRule.of(r);
            Span last = newest(r.name());
            Span span;
            if (last != null && !last.ended() && last.rule.fingerprint() == c.fingerprint()) {
                span = last; // unchanged: the definition runs on
            } else if (last != null && !last.ended()) {
                Cutover cut = cutover(e, last.rule.intervalMs(), c.intervalMs());
                last.toMs = Math.max(last.fromMs, cut.oldEndsMs());
                span = new Span(c, Math.max(cut.newStartsMs(), last.toMs), Long.MAX_VALUE);
                cutovers.put(r.name(), new Cutover(last.toMs, span.fromMs));
                add(span);
            } else {
                long from = alignUp(e, c.intervalMs());
                if (last != null) {
                    // removed earlier and back again: after the old definition's last window
                    from = Math.max(from, alignUp(last.toMs, c.intervalMs()));
                }
                span = new Span(c, from, Long.MAX_VALUE);
                if (!first) {
                    cutovers.put(r.name(), new Cutover(Long.MIN_VALUE, from));
                }
                add(span);
            }
            spans.put(r, span);
        }
        for (List<Span> list : byName.values()) {
            Span last = list.get(list.size() - 1);
            if (!last.ended() && !inNext.containsKey(last.rule.name())) {
                last.toMs = Math.max(last.fromMs, alignUp(e, last.rule.intervalMs()));
                cutovers.put(last.rule.name(), new Cutover(last.toMs, Long.MAX_VALUE));
            }
        }
        versions.add(new Version(next, e, spans));
        return new Applied(diff, cutovers);
    }

    private void add(Span span) {
        byName.computeIfAbsent(span.rule.name(), n -> new ArrayList<>(2)).add(span);
    }

    /** Where a definition with interval {@code oldMs} hands over to one with {@code newMs}. */
    static Cutover cutover(long effectiveFromMs, long oldMs, long newMs) {
        if (effectiveFromMs == Long.MIN_VALUE) {
            return new Cutover(Long.MIN_VALUE, Long.MIN_VALUE);
        }
        long common = lcm(oldMs, newMs);
        if (common > 0 && common <= MAX_COMMON_BOUNDARY_MS) {
            long b = alignUp(effectiveFromMs, common);
            return new Cutover(b, b);
        }
        long oldEnds = alignUp(effectiveFromMs, oldMs);
        return new Cutover(oldEnds, alignUp(oldEnds, newMs));
    }

    /** The first multiple of {@code step} at or after {@code t}; Long.MIN_VALUE stays. */
    static long alignUp(long t, long step) {
        if (t == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long down = Math.floorDiv(t, step) * step;
        return down == t ? t : down + step;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        long g = x;
        long q = a / g;
        return q > Long.MAX_VALUE / b ? -1 : q * b;
    }

    /** The newest span of a rule, or null when the timeline has none. */
    public Span newest(String rule) {
        List<Span> list = byName.get(rule);
        return list == null ? null : list.get(list.size() - 1);
    }

    /** The live span of a rule definition, or null (not known yet, or pruned). */
    public Span span(String rule, int fingerprint) {
        List<Span> list = byName.get(rule);
        if (list == null) {
            return null;
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            Span s = list.get(i);
            if (s.rule.fingerprint() == fingerprint) {
                return s;
            }
        }
        return null;
    }

    /** The span after {@code span} of the same rule, or null. */
    public Span successor(Span span) {
        List<Span> list = byName.get(span.rule.name());
        if (list == null) {
            return null;
        }
        int i = list.indexOf(span);
        return i >= 0 && i + 1 < list.size() ? list.get(i + 1) : null;
    }

    /** The live span whose definition covers the window ending at {@code windowEnd}, or null. */
    public Span spanForWindowEnd(String rule, long windowEnd) {
        List<Span> list = byName.get(rule);
        if (list == null) {
            return null;
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            Span s = list.get(i);
            if (Math.floorMod(windowEnd, s.rule.intervalMs()) == 0
                    && s.coversWindowEnd(windowEnd)) {
                return s;
            }
        }
        return null;
    }

    /** Every live span of a rule, oldest first (empty when none). */
    public List<Span> spans(String rule) {
        List<Span> list = byName.get(rule);
        return list == null ? List.of() : list;
    }

    /**
     * The spans a sample counts for: the definitions, in any live version, whose selectors match it
     * and that cover its timestamp.
     *
     * @param out cleared first
     * @param notInForce told of each matching rule with no definition in force at {@code
     *     timestampMs} (added later, or ended before it)
     */
    public void matchInto(
            String metricName,
            LabelLookup labels,
            long timestampMs,
            List<Span> out,
            NotInForce notInForce) {
        out.clear();
        if (versions.size() == 1) {
            Version v = versions.get(0);
            v.index.matchInto(metricName, labels, scratch);
            for (int i = 0; i < scratch.size(); i++) {
                Span s = v.spans.get(scratch.get(i));
                if (s.covers(timestampMs)) {
                    out.add(s);
                } else {
                    notInForce.notInForce(s.rule, timestampMs);
                }
            }
            return;
        }
        uncovered.clear();
        for (int vi = 0; vi < versions.size(); vi++) {
            Version v = versions.get(vi);
            v.index.matchInto(metricName, labels, scratch);
            for (int i = 0; i < scratch.size(); i++) {
                Span s = v.spans.get(scratch.get(i));
                if (s.pruned) {
                    continue; // its windows have all closed: the sample is late for it anyway
                }
                if (s.covers(timestampMs)) {
                    if (!out.contains(s)) {
                        out.add(s);
                    }
                } else if (!uncovered.contains(s.rule.name())) {
                    uncovered.add(s.rule.name());
                }
            }
        }
        for (int i = 0; i < uncovered.size(); i++) {
            String name = uncovered.get(i);
            boolean covered = false;
            for (int j = 0; j < out.size() && !covered; j++) {
                covered = out.get(j).rule.name().equals(name);
            }
            Span newest = newest(name);
            if (!covered && newest != null) {
                notInForce.notInForce(newest.rule, timestampMs);
            }
        }
    }

    /** Told of a sample matching a rule that has no definition in force at its timestamp. */
    @FunctionalInterface
    public interface NotInForce {
        void notInForce(CompiledRule rule, long timestampMs);
    }

    /**
     * Drops the spans whose windows have all closed at {@code watermark} — and one window more, in
     * which a removed definition's groups emit their staleness markers and a changed one's groups
     * hand over — and the versions left without live spans.
     *
     * @return the spans dropped (a stage forgets what it holds for them)
     */
    public List<Span> prune(long watermark) {
        List<Span> pruned = List.of();
        for (Iterator<List<Span>> it = byName.values().iterator(); it.hasNext(); ) {
            List<Span> list = it.next();
            for (int i = 0; i < list.size(); ) {
                Span s = list.get(i);
                Span next = i + 1 < list.size() ? list.get(i + 1) : null;
                if (done(s, next, watermark)) {
                    if (pruned.isEmpty()) {
                        pruned = new ArrayList<>();
                    }
                    s.pruned = true;
                    pruned.add(s);
                    list.remove(i);
                } else {
                    i++;
                }
            }
            if (list.isEmpty()) {
                it.remove();
            }
        }
        if (!pruned.isEmpty()) {
            // an old version goes when every definition it holds has ended or runs on in the
            // newest one (an unchanged rule shares its definition)
            Version newest = versions.get(versions.size() - 1);
            for (int i = versions.size() - 2; i >= 0; i--) {
                boolean needed = false;
                for (Span s : versions.get(i).spans.values()) {
                    needed |= !s.pruned && !newest.spans.containsValue(s);
                }
                if (!needed) {
                    versions.remove(i);
                }
            }
        }
        return pruned;
    }

    private static boolean done(Span s, Span next, long watermark) {
        if (!s.ended()) {
            return false;
        }
        CompiledRule r = s.rule;
        if (s.toMs != Long.MIN_VALUE && watermark < s.toMs + r.delayMs() + r.intervalMs()) {
            return false;
        }
        if (next != null
                && next.fromMs != Long.MIN_VALUE
                && watermark < next.fromMs + next.rule.intervalMs() + next.rule.delayMs()) {
            return false;
        }
        return true;
    }

    /** Whether {@code set} is one of the live versions. */
    public boolean holds(RuleSet set) {
        for (Version v : versions) {
            if (v.set == set) {
                return true;
            }
        }
        return false;
    }

    /** Live versions, for tests and metrics. */
    public int liveVersions() {
        return versions.size();
    }
}
