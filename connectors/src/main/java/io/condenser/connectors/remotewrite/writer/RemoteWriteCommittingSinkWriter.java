package io.condenser.connectors.remotewrite.writer;

import io.condenser.connectors.remotewrite.RemoteWriteConfig;
import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittable;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.EndpointQueue;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;

/**
 * The exactly-once writer: same high-water-mark filter and batching, but batches become
 * committables at the checkpoint barrier instead of being sent; the committer sends them once the
 * checkpoint completed. Memory holds one checkpoint interval of samples.
 */
public final class RemoteWriteCommittingSinkWriter extends RemoteWriteSinkWriter
        implements CommittingSinkWriter<Sample, RemoteWriteCommittable> {

    private final List<RemoteWriteCommittable> pending = new ArrayList<>();

    public RemoteWriteCommittingSinkWriter(
            RemoteWriteConfig config,
            RemoteWriteMetrics metrics,
            Collection<RemoteWriteWriterState> restored,
            int subtask) {
        super(config, metrics, null, List.of(), restored, subtask);
    }

    @Override
    protected void dispatch(List<Sample> batch, List<EndpointQueue> queues) {
        pending.add(new RemoteWriteCommittable(batch));
    }

    @Override
    public Collection<RemoteWriteCommittable> prepareCommit()
            throws IOException, InterruptedException {
        closeAllBatches();
        List<RemoteWriteCommittable> out = new ArrayList<>(pending);
        pending.clear();
        return out;
    }
}
