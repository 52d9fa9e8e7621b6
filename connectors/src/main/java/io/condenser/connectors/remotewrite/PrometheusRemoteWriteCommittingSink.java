package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittable;
import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittableSerializer;
import io.condenser.connectors.remotewrite.commit.RemoteWriteCommitter;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.writer.RemoteWriteCommittingSinkWriter;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import java.io.IOException;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The exactly-once form of the sink ({@code delivery: exactly-once}): samples are written by a
 * committer after the checkpoint covering them completes, so a failed attempt never reaches the
 * receiver. Costs up to one checkpoint interval of latency and that much memory.
 */
public final class PrometheusRemoteWriteCommittingSink extends PrometheusRemoteWriteSink
        implements SupportsCommitter<RemoteWriteCommittable> {

    private static final long serialVersionUID = 1L;

    PrometheusRemoteWriteCommittingSink(RemoteWriteConfig config) {
        super(config);
    }

    @Override
    public RemoteWriteCommittingSinkWriter createWriter(WriterInitContext context) {
        return restoreWriter(context, java.util.List.of());
    }

    @Override
    public RemoteWriteCommittingSinkWriter restoreWriter(
            WriterInitContext context, Collection<RemoteWriteWriterState> recoveredState) {
        return new RemoteWriteCommittingSinkWriter(
                config,
                new RemoteWriteMetrics(context.metricGroup()),
                recoveredState,
                context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public Committer<RemoteWriteCommittable> createCommitter(CommitterInitContext context)
            throws IOException {
        return new RemoteWriteCommitter(
                EndpointSenders.create(config, new RemoteWriteMetrics(context.metricGroup())));
    }

    @Override
    public SimpleVersionedSerializer<RemoteWriteCommittable> getCommittableSerializer() {
        return RemoteWriteCommittableSerializer.INSTANCE;
    }
}
