package io.condenser.rules.match;

import io.condenser.rules.model.LabelMatcher;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.model.SeriesSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the rules a sample matches without testing every rule: thousands of rules must not mean
 * thousands of regex checks per sample.
 *
 * <ul>
 *   <li>Selectors with an exact metric name ({@code foo{...}}, {@code {__name__="foo"}}) are
 *       indexed by that name; selectors without one (a name regex, or labels only) are kept apart.
 *   <li>Everything that depends only on the metric name, including name regexes, is decided once
 *       per name and cached as a {@link MatchPlan}; a sample then costs one hash lookup plus the
 *       label matchers of the rules left for its name (bucketed by one key label, see {@link
 *       MatchPlan}).
 *   <li>Disabled rules match nothing. A rule is returned once however many of its selectors match.
 * </ul>
 *
 * <p>Allocation-free on the common path: a name with no rule, or whose rules need no label check,
 * returns a precomputed immutable list; {@link #matchInto} never allocates once its list has grown.
 * Thread-safe; the plan cache is bounded ({@link #DEFAULT_MAX_CACHED_NAMES} names, cleared when
 * full, so a flood of distinct names costs time, never memory).
 */
public final class RuleIndex {

    public static final int DEFAULT_MAX_CACHED_NAMES = 100_000;

    private record Candidate(Rule rule, SeriesSelector selector) {}

    private final List<Rule> rules;
    private final Map<String, List<Candidate>> byExactName = new HashMap<>();
    private final List<Candidate> nameless = new ArrayList<>();
    private final Map<Rule, Integer> order = new IdentityHashMap<>();
    private final ConcurrentHashMap<String, MatchPlan> plans = new ConcurrentHashMap<>();
    private final int maxCachedNames;

    private RuleIndex(Collection<Rule> all, int maxCachedNames) {
        this.maxCachedNames = maxCachedNames;
        List<Rule> enabled = new ArrayList<>();
        for (Rule r : all) {
            if (!r.enabled()) {
                continue;
            }
            order.put(r, enabled.size());
            enabled.add(r);
            for (SeriesSelector s : r.match()) {
                String name = s.exactMetricName();
                if (name != null) {
                    byExactName
                            .computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new Candidate(r, s));
                } else {
                    nameless.add(new Candidate(r, s));
                }
            }
        }
        this.rules = List.copyOf(enabled);
    }

    public static RuleIndex of(RuleSet set) {
        return new RuleIndex(set.rules(), DEFAULT_MAX_CACHED_NAMES);
    }

    public static RuleIndex of(Collection<Rule> rules) {
        return new RuleIndex(rules, DEFAULT_MAX_CACHED_NAMES);
    }

    static RuleIndex of(Collection<Rule> rules, int maxCachedNames) {
        return new RuleIndex(rules, maxCachedNames);
    }

    /** The enabled rules this index matches against, in rule-set order. */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * The rules a sample matches: those needing no label check first (in rule-set order), then
     * those whose label matchers passed. Do not modify the returned list.
     */
    public List<Rule> matching(String metricName, LabelLookup labels) {
        MatchPlan p = plan(metricName);
        if (!p.hasConditions()) {
            return p.always;
        }
        List<Rule> out = null;
        if (p.keyLabel != null) {
            String v = labels.get(p.keyLabel);
            MatchPlan.Alternative[] bucket = v == null ? null : p.byKeyValue.get(v);
            if (bucket != null) {
                out = collect(bucket, labels, p, out);
            }
        }
        out = collect(p.residual, labels, p, out);
        return out == null ? p.always : out;
    }

    /** As {@link #matching}, into a list the caller reuses (cleared first): never allocates. */
    public void matchInto(String metricName, LabelLookup labels, List<Rule> out) {
        out.clear();
        MatchPlan p = plan(metricName);
        for (int i = 0; i < p.always.size(); i++) {
            out.add(p.always.get(i));
        }
        if (!p.hasConditions()) {
            return;
        }
        if (p.keyLabel != null) {
            String v = labels.get(p.keyLabel);
            MatchPlan.Alternative[] bucket = v == null ? null : p.byKeyValue.get(v);
            if (bucket != null) {
                addMatches(bucket, labels, out);
            }
        }
        addMatches(p.residual, labels, out);
    }

    private static List<Rule> collect(
            MatchPlan.Alternative[] alts, LabelLookup labels, MatchPlan p, List<Rule> out) {
        for (MatchPlan.Alternative a : alts) {
            if (matchesAll(a.matchers(), labels)) {
                if (out == null) {
                    out = new ArrayList<>(p.always.size() + 4);
                    out.addAll(p.always);
                }
                addOnce(out, a.rule());
            }
        }
        return out;
    }

    private static void addMatches(
            MatchPlan.Alternative[] alts, LabelLookup labels, List<Rule> out) {
        for (MatchPlan.Alternative a : alts) {
            if (matchesAll(a.matchers(), labels)) {
                addOnce(out, a.rule());
            }
        }
    }

    private static boolean matchesAll(LabelMatcher[] matchers, LabelLookup labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels.get(m.name()))) {
                return false;
            }
        }
        return true;
    }

    /** By identity: a rule's several selectors may all match; it is still one rule. */
    private static void addOnce(List<Rule> out, Rule rule) {
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) == rule) {
                return;
            }
        }
        out.add(rule);
    }

    private MatchPlan plan(String metricName) {
        MatchPlan p = plans.get(metricName);
        if (p != null) {
            return p;
        }
        p = buildPlan(metricName);
        if (plans.size() >= maxCachedNames) {
            plans.clear();
        }
        plans.put(metricName, p);
        return p;
    }

    private MatchPlan buildPlan(String metricName) {
        List<Candidate> candidates =
                new ArrayList<>(byExactName.getOrDefault(metricName, List.of()));
        candidates.addAll(nameless);
        if (candidates.isEmpty()) {
            return MatchPlan.EMPTY;
        }
        boolean[] always = new boolean[rules.size()];
        List<MatchPlan.Alternative> alternatives = new ArrayList<>();
        for (Candidate c : candidates) {
            List<LabelMatcher> rest = new ArrayList<>();
            boolean nameOk = true;
            for (LabelMatcher m : c.selector().matchers()) {
                if (m.name().equals(LabelMatcher.METRIC_NAME)) {
                    nameOk &= m.matches(metricName);
                } else {
                    rest.add(m);
                }
            }
            if (!nameOk) {
                continue;
            }
            if (rest.isEmpty()) {
                always[order.get(c.rule())] = true;
            } else {
                alternatives.add(
                        new MatchPlan.Alternative(c.rule(), rest.toArray(new LabelMatcher[0])));
            }
        }
        List<Rule> alwaysRules = new ArrayList<>();
        for (int i = 0; i < always.length; i++) {
            if (always[i]) {
                alwaysRules.add(rules.get(i));
            }
        }
        // a rule that always matches needs none of its conditional selectors
        alternatives.removeIf(a -> always[order.get(a.rule())]);
        return MatchPlan.of(alwaysRules, alternatives);
    }
}
