package io.condenser.jobs.rules;

import io.condenser.jobs.state.StateDescriptors;
import io.condenser.rules.eval.SeriesFeed;
import io.condenser.rules.eval.WindowSteps;
import io.condenser.rules.match.RuleIndex;
import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.model.RuleSetDiff;
import io.condenser.rules.naming.OutputNamer;
import io.condenser.rules.parse.RuleProblem;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The parsed form of the rule set in force in one operator instance. The broadcast state holds the
 * texts ({@link RuleSetUpdate}); this holds what they parse to, rebuilt lazily after a restore
 * ({@link #ensure}), since parsed rules (RE2J patterns) are not serializable.
 */
public final class ActiveRules {

    /** One rule with everything an operator derives from it once. */
    public record Compiled(
            Rule rule,
            int fingerprint,
            OutputNamer namer,
            long intervalMs,
            long delayMs,
            long stalenessMs,
            long dedupMs,
            boolean anyCounter,
            int seriesPerGroup) {

        static Compiled of(Rule r) {
            return new Compiled(
                    r,
                    ActiveRules.fingerprint(r),
                    new OutputNamer(r),
                    r.interval().toMillis(),
                    r.delay().toMillis(),
                    r.stalenessInterval().toMillis(),
                    r.dedupInterval().toMillis(),
                    WindowSteps.anyCounter(r.outputs()),
                    OutputNamer.seriesPerGroup(r));
        }

        /**
         * Whether samples of this rule need the per-series stage: counter outputs (a tracker per
         * series) or {@code dedup_interval}. Every other rule is pre-aggregated where it is
         * matched.
         */
        public boolean needsSeriesState() {
            return anyCounter || dedupMs > 0;
        }

        /** The per-series step's constants. */
        public SeriesFeed.Params feedParams() {
            return new SeriesFeed.Params(dedupMs, stalenessMs, anyCounter);
        }
    }

    /**
     * What an update did.
     *
     * @param diff the change, null when rejected
     * @param problems the validator's messages, empty when accepted
     */
    public record Outcome(RuleSetDiff diff, List<String> problems) {
        public boolean accepted() {
            return diff != null;
        }
    }

    private RuleSetUpdate source;
    private RuleSet set = RuleSet.EMPTY;
    private RuleIndex index = RuleIndex.of(List.<Rule>of());
    private Map<String, Compiled> byName = Map.of();

    /** A rule definition's identity: the hash of its canonical form (position ignored). */
    public static int fingerprint(Rule r) {
        return RuleSet.canonicalForm(r).hashCode();
    }

    /** Parses the rule set held in broadcast state if this instance has not yet (restore). */
    public void ensure(ReadOnlyBroadcastState<String, RuleSetUpdate> state) throws Exception {
        if (source == null) {
            RuleSetUpdate held = state.get(StateDescriptors.CURRENT_RULES);
            if (held != null) {
                update(held);
            }
        }
    }

    /** Parses and installs {@code update}; a set with any problem is rejected, nothing changes. */
    public Outcome update(RuleSetUpdate update) {
        RuleSetLoader.Result r = update.load();
        if (!r.ok()) {
            return new Outcome(null, r.problems().stream().map(RuleProblem::toString).toList());
        }
        RuleSetDiff diff = RuleSet.diff(set, r.ruleSet());
        Map<String, Compiled> compiled = new HashMap<>();
        for (Rule rule : r.ruleSet().enabledRules()) {
            compiled.put(rule.name(), Compiled.of(rule));
        }
        source = update;
        set = r.ruleSet();
        index = RuleIndex.of(set);
        byName = compiled;
        return new Outcome(diff, List.of());
    }

    /** Whether any rule set was installed. */
    public boolean loaded() {
        return source != null;
    }

    /** The enabled rule of this name, or null. */
    public Compiled rule(String name) {
        return byName.get(name);
    }

    public RuleIndex index() {
        return index;
    }

    public RuleSet ruleSet() {
        return set;
    }

    /** The rule name part of a keyed-state key ({@code rule + '\0' + ...}). */
    public static String ruleOfKey(String key) {
        int i = key.indexOf('\u0000');
        return i < 0 ? key : key.substring(0, i);
    }
}
