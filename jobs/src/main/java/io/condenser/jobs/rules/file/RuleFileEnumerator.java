package io.condenser.jobs.rules.file;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the single split to the first reader that registers, and again to a registered reader when
 * a failed one gives it back. Other readers (parallelism above 1) stay idle.
 */
final class RuleFileEnumerator implements SplitEnumerator<RuleFileSplit, RuleFileEnumeratorState> {

    private final SplitEnumeratorContext<RuleFileSplit> context;
    private RuleFileSplit unassigned;

    RuleFileEnumerator(SplitEnumeratorContext<RuleFileSplit> context, RuleFileSplit unassigned) {
        this.context = context;
        this.unassigned = unassigned;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<RuleFileSplit> splits, int subtaskId) {
        if (!splits.isEmpty()) {
            unassigned = splits.get(0);
        }
        assignIfPossible();
    }

    @Override
    public void addReader(int subtaskId) {
        assignIfPossible();
    }

    private void assignIfPossible() {
        if (unassigned == null || context.registeredReaders().isEmpty()) {
            return;
        }
        int reader = context.registeredReaders().keySet().stream().min(Integer::compare).get();
        context.assignSplit(unassigned, reader);
        unassigned = null;
    }

    @Override
    public RuleFileEnumeratorState snapshotState(long checkpointId) {
        return new RuleFileEnumeratorState(unassigned);
    }

    @Override
    public void close() {}
}
