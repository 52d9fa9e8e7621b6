package io.condenser.connectors.direct.enumerator;

import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.split.ListenerSplit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands every registering reader one split per enabled protocol: every subtask serves every
 * listener. Splits returned after a failure are handed out again when their reader re-registers.
 */
public final class DirectSourceEnumerator
        implements SplitEnumerator<ListenerSplit, DirectEnumeratorState> {

    private final SplitEnumeratorContext<ListenerSplit> context;
    private final Set<Protocol> protocols;
    private final Set<ListenerSplit> assigned;

    public DirectSourceEnumerator(
            SplitEnumeratorContext<ListenerSplit> context,
            Set<Protocol> protocols,
            DirectEnumeratorState restored) {
        this.context = context;
        this.protocols = protocols;
        this.assigned = new LinkedHashSet<>(restored.assigned());
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignTo(subtaskId);
    }

    @Override
    public void addSplitsBack(List<ListenerSplit> splits, int subtaskId) {
        splits.forEach(assigned::remove);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignTo(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        List<ListenerSplit> fresh = new ArrayList<>();
        for (Protocol p : protocols) {
            ListenerSplit split = new ListenerSplit(p, subtaskId);
            if (assigned.add(split)) {
                fresh.add(split);
            }
        }
        for (ListenerSplit split : fresh) {
            context.assignSplit(split, subtaskId);
        }
    }

    @Override
    public DirectEnumeratorState snapshotState(long checkpointId) {
        return new DirectEnumeratorState(assigned);
    }

    @Override
    public void close() {}
}
