package io.condenser.jobs.rules;

import io.condenser.jobs.state.StateDescriptors;
import io.condenser.rules.engine.RuleTimeline;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleProblem;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * The rule sets in force in one operator instance, the part every rule-aware stage shares: kept in
 * broadcast state as their texts and effective times (so a restore resumes with the same
 * definitions and cutovers), parsed into the stage's {@link RuleTimeline}. Parsed rules hold RE2J
 * patterns and are not serializable, hence texts in state and a rebuild after a restore.
 */
public final class LiveRules {

    /** What became of an update. */
    public sealed interface Outcome permits Accepted, Rejected, Unchanged {}

    /**
     * An update that passed validation.
     *
     * @param set the parsed rule set
     * @param effectiveFromMs when it takes effect here (Long.MIN_VALUE for a stage's first set)
     */
    public record Accepted(RuleSet set, long effectiveFromMs) implements Outcome {}

    /** An update that did not pass: the validator's messages; the sets in force stay. */
    public record Rejected(List<String> problems) implements Outcome {}

    /** The same rules as the set in force (reformatted, reordered, re-sent): nothing changes. */
    public record Unchanged() implements Outcome {}

    private final RuleTimeline timeline;
    private final Consumer<RuleSet> inForce;

    /** The updates behind the timeline's live versions, oldest first. */
    private final List<Live> live = new ArrayList<>();

    private boolean restored;

    private record Live(RuleSetUpdate update, RuleSet set) {}

    public LiveRules(RuleTimeline timeline) {
        this(timeline, set -> {});
    }

    /**
     * @param inForce told of every set that comes into force here, restored or accepted (the stage
     *     registers its per-rule metrics, so a rule that matches nothing shows zeros)
     */
    public LiveRules(RuleTimeline timeline, Consumer<RuleSet> inForce) {
        this.timeline = timeline;
        this.inForce = inForce;
    }

    public RuleTimeline timeline() {
        return timeline;
    }

    /** Whether {@link #ensure} has run: per-element callers skip fetching the broadcast state. */
    public boolean ensured() {
        return restored;
    }

    /** Rebuilds the timeline from broadcast state after a restore (once, before the first use). */
    public void ensure(ReadOnlyBroadcastState<String, RuleSetUpdate> state) throws Exception {
        if (restored) {
            return;
        }
        restored = true;
        TreeMap<String, RuleSetUpdate> stored = new TreeMap<>();
        for (Map.Entry<String, RuleSetUpdate> e : state.immutableEntries()) {
            if (e.getKey().startsWith(StateDescriptors.LIVE_RULES_PREFIX)) {
                stored.put(e.getKey(), e.getValue());
            }
        }
        if (stored.isEmpty()) {
            RuleSetUpdate current = state.get(StateDescriptors.CURRENT_RULES); // release 0.2
            if (current != null) {
                stored.put("", current);
            }
        }
        for (RuleSetUpdate u : stored.values()) {
            RuleSetLoader.Result r = u.load();
            if (r.ok()) {
                timeline.apply(r.ruleSet(), u.effectiveFromMs());
                live.add(new Live(u, r.ruleSet()));
                inForce.accept(r.ruleSet());
            }
        }
    }

    /**
     * Validates an update as a whole. The caller applies an {@link Accepted} one to its stage (so
     * the stage can do what it must on an update) and then calls {@link #store}.
     */
    public Outcome accept(RuleSetUpdate update, ReadOnlyBroadcastState<String, RuleSetUpdate> state)
            throws Exception {
        ensure(state);
        RuleSetLoader.Result r = update.load();
        if (!r.ok()) {
            return new Rejected(r.problems().stream().map(RuleProblem::toString).toList());
        }
        if (timeline.loaded()
                && r.ruleSet().contentHash().equals(timeline.current().contentHash())) {
            return new Unchanged();
        }
        return new Accepted(
                r.ruleSet(), timeline.loaded() ? update.effectiveFromMs() : RuleSetUpdate.AT_ONCE);
    }

    /**
     * Records an accepted update (applied to the timeline) and writes the live sets to broadcast
     * state, dropping those the timeline has let go of.
     */
    public void store(
            RuleSetUpdate update, Accepted accepted, BroadcastState<String, RuleSetUpdate> state)
            throws Exception {
        live.add(new Live(update.effectiveFrom(accepted.effectiveFromMs()), accepted.set()));
        inForce.accept(accepted.set());
        live.removeIf(l -> !timeline.holds(l.set()));
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, RuleSetUpdate> e : state.entries()) {
            keys.add(e.getKey());
        }
        for (String k : keys) {
            state.remove(k);
        }
        for (int i = 0; i < live.size(); i++) {
            state.put(
                    String.format("%s%08d", StateDescriptors.LIVE_RULES_PREFIX, i),
                    live.get(i).update());
        }
    }
}
