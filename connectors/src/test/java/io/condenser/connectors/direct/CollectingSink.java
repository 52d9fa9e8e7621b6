package io.condenser.connectors.direct;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** A Sink V2 that appends to a JVM-wide list per name, for MiniCluster tests. */
public final class CollectingSink<T> implements Sink<T> {

    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String name;

    public CollectingSink(String name) {
        this.name = name;
        RESULTS.put(name, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> results(String name) {
        return (List<T>) RESULTS.getOrDefault(name, List.of());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> out = RESULTS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                out.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
