package io.condenser.jobs.bench;

import io.condenser.connectors.remotewrite.PrometheusRemoteWriteSink;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The production remote-write sink, unchanged, with {@link LatencySink#record} called as each
 * sample is handed to its writer: the latency is from window end to accepted by the sink (what the
 * discarding sink measures), not to stored in Prometheus. Delegates writer state so checkpoints
 * behave as in the job; at-least-once only (an exactly-once sink's committer is not forwarded).
 */
final class TimedRemoteWriteSink
        implements Sink<Sample>, SupportsWriterState<Sample, RemoteWriteWriterState> {

    private static final long serialVersionUID = 1L;

    private final PrometheusRemoteWriteSink delegate;

    TimedRemoteWriteSink(PrometheusRemoteWriteSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public StatefulSinkWriter<Sample, RemoteWriteWriterState> createWriter(
            WriterInitContext context) throws IOException {
        return new Writer(delegate.createWriter(context));
    }

    @Override
    public StatefulSinkWriter<Sample, RemoteWriteWriterState> restoreWriter(
            WriterInitContext context, Collection<RemoteWriteWriterState> recoveredState)
            throws IOException {
        return new Writer(delegate.restoreWriter(context, recoveredState));
    }

    @Override
    public SimpleVersionedSerializer<RemoteWriteWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    private record Writer(RemoteWriteSinkWriter writer)
            implements StatefulSinkWriter<Sample, RemoteWriteWriterState> {

        @Override
        public void write(Sample sample, Context context) throws IOException, InterruptedException {
            LatencySink.record(sample);
            writer.write(sample, context);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException, InterruptedException {
            writer.flush(endOfInput);
        }

        @Override
        public List<RemoteWriteWriterState> snapshotState(long checkpointId) throws IOException {
            return writer.snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            writer.close();
        }
    }
}
