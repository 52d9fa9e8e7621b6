package io.condenser.connectors.direct.reader;

import io.condenser.connectors.direct.split.ListenerSplit;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/** A reader context for driving a reader outside Flink, and an output that records per split. */
final class TestReaderContext implements SourceReaderContext {

    private final int subtask;

    TestReaderContext(int subtask) {
        this.subtask = subtask;
    }

    @Override
    public SourceReaderMetricGroup metricGroup() {
        return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
    }

    @Override
    public Configuration getConfiguration() {
        return new Configuration();
    }

    @Override
    public String getLocalHostName() {
        return "localhost";
    }

    @Override
    public int getIndexOfSubtask() {
        return subtask;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
        return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }

    /** What was emitted, as {@code splitId -> sample}. */
    record Emitted(String splitId, Sample sample, long timestamp) {}

    static final class Output implements ReaderOutput<Sample> {
        final List<Emitted> emitted = new ArrayList<>();
        final List<String> splitOutputs = new ArrayList<>();

        @Override
        public void collect(Sample record) {
            throw new AssertionError("samples must go through a split output");
        }

        @Override
        public void collect(Sample record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<Sample> createOutputForSplit(String splitId) {
            splitOutputs.add(splitId);
            return new SourceOutput<>() {
                @Override
                public void collect(Sample record) {
                    throw new AssertionError("samples carry their timestamp");
                }

                @Override
                public void collect(Sample record, long timestamp) {
                    emitted.add(new Emitted(splitId, record, timestamp));
                }

                @Override
                public void emitWatermark(Watermark watermark) {}

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    static List<ListenerSplit> splits(int subtask, io.condenser.connectors.direct.Protocol... ps) {
        List<ListenerSplit> out = new ArrayList<>();
        for (var p : ps) {
            out.add(new ListenerSplit(p, subtask));
        }
        return out;
    }
}
