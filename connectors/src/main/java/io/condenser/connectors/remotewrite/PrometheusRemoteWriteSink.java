package io.condenser.connectors.remotewrite;

import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterStateSerializer;
import io.condenser.model.Sample;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;

/**
 * Writes {@link Sample}s to Prometheus remote-write 1.0 receivers (Prometheus, VictoriaMetrics,
 * Mimir, Cortex, Thanos Receive). Build with {@link #builder()}; the delivery mode picks the
 * at-least-once form (this class) or the exactly-once form ({@link
 * PrometheusRemoteWriteCommittingSink}).
 *
 * <pre>{@code
 * PrometheusRemoteWriteSink sink = PrometheusRemoteWriteSink.builder()
 *         .endpoint("http://prometheus:9090/api/v1/write")
 *         .build();
 * PrometheusRemoteWriteSink.keyBySeries(samples)
 *         .sinkTo(sink).uid("remote-write").name("remote-write");
 * }</pre>
 *
 * The input must be keyed by output series ({@link #keyBySeries}) so that each series is written by
 * one subtask, in order, and its high-water mark is found in that subtask's state.
 */
public class PrometheusRemoteWriteSink
        implements Sink<Sample>, SupportsWriterState<Sample, RemoteWriteWriterState> {

    private static final long serialVersionUID = 1L;

    protected final RemoteWriteConfig config;

    PrometheusRemoteWriteSink(RemoteWriteConfig config) {
        this.config = config;
    }

    public static PrometheusRemoteWriteSinkBuilder builder() {
        return new PrometheusRemoteWriteSinkBuilder();
    }

    /** Keys samples by output series (name and labels): put this right before {@code sinkTo}. */
    public static KeyedStream<Sample, Long> keyBySeries(DataStream<Sample> samples) {
        return samples.keyBy(Sample::seriesHash);
    }

    public RemoteWriteConfig config() {
        return config;
    }

    @Override
    public RemoteWriteSinkWriter createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public RemoteWriteSinkWriter restoreWriter(
            WriterInitContext context, Collection<RemoteWriteWriterState> recoveredState)
            throws IOException {
        RemoteWriteMetrics metrics = new RemoteWriteMetrics(context.metricGroup());
        return new RemoteWriteSinkWriter(
                config,
                metrics,
                context.getProcessingTimeService(),
                EndpointSenders.create(config, metrics),
                recoveredState,
                context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public SimpleVersionedSerializer<RemoteWriteWriterState> getWriterStateSerializer() {
        return RemoteWriteWriterStateSerializer.INSTANCE;
    }
}
