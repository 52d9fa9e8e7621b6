package io.condenser.jobs.testing;

import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 that collects every sample into a JVM-wide queue per sink instance (MiniCluster runs in
 * the test's JVM). Not exactly-once: a restart replays into it, which tests that check "no
 * duplicates" must avoid by not failing.
 */
public final class CollectingSink implements Sink<Sample> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, ConcurrentLinkedQueue<Sample>> RESULTS =
            new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RESULTS.put(id, new ConcurrentLinkedQueue<>());
    }

    /** Everything written so far, in arrival order. */
    public List<Sample> samples() {
        return new ArrayList<>(RESULTS.get(id));
    }

    @Override
    public SinkWriter<Sample> createWriter(WriterInitContext context) {
        ConcurrentLinkedQueue<Sample> queue = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(Sample element, Context ctx) {
                queue.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
