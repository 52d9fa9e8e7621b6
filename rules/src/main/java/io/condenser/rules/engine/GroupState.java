package io.condenser.rules.engine;

import io.condenser.model.Labels;
import io.condenser.rules.aggregate.Aggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Per (rule, output group) state of the group stage besides the windows being filled: the
 * definition it runs under, the group's name and labels, when it last got a sample, the carried
 * aggregators of cumulative outputs, and the output series it has emitted (each gets a staleness
 * marker when the group goes away). While a changed rule hands over, the windows of the next
 * definition wait beside the current one's.
 */
public final class GroupState {

    /** An output series this group has emitted. */
    public record Emitted(String name, Labels labels) {}

    public int fingerprint;
    public String metric;
    public Labels labels;
    public long lastSeenMs = Long.MIN_VALUE;

    /** The end of the last window this group emitted, Long.MIN_VALUE before the first. */
    public long lastEmittedEnd = Long.MIN_VALUE;

    public Aggregator[] carry;
    public List<Emitted> emitted = new ArrayList<>();

    /**
     * Series the previous definition of the rule emitted for this group: after the current one's
     * first window each of them it does not emit gets a staleness marker.
     */
    public List<Emitted> inherited = new ArrayList<>();

    /**
     * Per window not yet emitted, the greatest sample timestamp it holds: the group's last sample
     * moves on only as windows close, so a later window that is already filling does not keep an
     * earlier silence from ending the group.
     */
    public TreeMap<Long, Long> windowLastSeen = new TreeMap<>();

    /** The definition ended and its windows are out: waiting for the next one's first window. */
    public boolean awaitingSuccessor;

    public GroupState() {}

    public GroupState(CompiledRule rule, String metric, Labels labels) {
        this.fingerprint = rule.fingerprint();
        this.metric = metric;
        this.labels = labels;
        this.carry = WindowSteps.newCarry(rule.rule().outputs());
    }
}
