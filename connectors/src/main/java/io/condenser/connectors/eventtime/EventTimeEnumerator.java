package io.condenser.connectors.eventtime;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Wraps a source's enumerator with the event-time coordinator ({@link JobClock}): it gathers the
 * readers' reports and, every tick, tells every reader where the job's event time is. Everything
 * else goes to the wrapped enumerator.
 */
final class EventTimeEnumerator<SplitT extends SourceSplit, CheckpointT>
        implements SplitEnumerator<SplitT, CheckpointT> {

    private final SplitEnumerator<SplitT, CheckpointT> delegate;
    private final SplitEnumeratorContext<SplitT> context;
    private final JobClock clock;
    private final long tickMs;

    EventTimeEnumerator(
            SplitEnumerator<SplitT, CheckpointT> delegate,
            SplitEnumeratorContext<SplitT> context,
            EventTimeConfig config) {
        this.delegate = delegate;
        this.context = context;
        this.clock = new JobClock(config, System.currentTimeMillis());
        this.tickMs = config.tick().toMillis();
    }

    @Override
    public void start() {
        delegate.start();
        context.callAsync(() -> null, (v, t) -> tell(), tickMs, tickMs);
    }

    private void tell() {
        var readers = context.registeredReaders().keySet();
        JobTimeEvent event = clock.at(System.currentTimeMillis(), readers);
        for (int subtask : readers) {
            context.sendEventToSourceReader(subtask, event);
        }
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        if (sourceEvent instanceof ReaderTimeReport report) {
            clock.report(subtaskId, report, System.currentTimeMillis());
        } else {
            delegate.handleSourceEvent(subtaskId, sourceEvent);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        delegate.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<SplitT> splits, int subtaskId) {
        clock.forget(subtaskId); // its reader failed: its report is stale
        delegate.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        delegate.addReader(subtaskId);
    }

    @Override
    public CheckpointT snapshotState(long checkpointId) throws Exception {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        delegate.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
