package io.condenser.jobs.bench.verify;

import io.condenser.connectors.loadgen.BatchLog;
import io.condenser.connectors.loadgen.LineProtocolLoadGenerator;
import io.condenser.connectors.loadgen.LoadGeneratorBatches;
import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.ParserOptions;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Exactly the samples a load-generator run sent, rebuilt from its batch log: each batch's bytes are
 * generated again ({@link LoadGeneratorBatches} is deterministic in worker, batch number and
 * creation time) and parsed by the production line-protocol parser. Batches come in creation order
 * over all workers (each worker's own order kept), so the samples are in timestamp order.
 */
public final class TrafficReplay {

    private final LineProtocolLoadGenerator.Options options;
    private final List<BatchLog.Entry> entries;

    public TrafficReplay(LineProtocolLoadGenerator.Options options, List<BatchLog.Entry> entries) {
        this.options = options;
        this.entries = List.copyOf(entries);
    }

    public List<BatchLog.Entry> entries() {
        return entries;
    }

    /** Samples generated in all (delivered or not). */
    public long samples() {
        return entries.stream().mapToLong(BatchLog.Entry::samples).sum();
    }

    /** Line-protocol bytes generated in all (before any compression). */
    public long bytes() {
        return entries.stream().mapToLong(BatchLog.Entry::bytes).sum();
    }

    /** Samples of the batches created at or after {@code fromMs} and before {@code toMs}. */
    public long samplesCreated(long fromMs, long toMs) {
        return entries.stream()
                .filter(e -> e.createdMs() >= fromMs && e.createdMs() < toMs)
                .mapToLong(BatchLog.Entry::samples)
                .sum();
    }

    /** Samples of the batches the generator gave up on (never acknowledged). */
    public long samplesAbandoned() {
        return entries.stream()
                .filter(e -> !e.delivered())
                .mapToLong(BatchLog.Entry::samples)
                .sum();
    }

    /**
     * Calls {@code batchStart} with each batch's creation time, then {@code sample} for each of its
     * samples, in creation order.
     *
     * @throws IllegalStateException when a rebuilt line does not parse (the log does not belong to
     *     these options)
     */
    public void forEach(java.util.function.LongConsumer batchStart, Consumer<Sample> sample) {
        Map<Integer, List<BatchLog.Entry>> byWorker = new HashMap<>();
        for (BatchLog.Entry e : entries) {
            byWorker.computeIfAbsent(e.worker(), w -> new ArrayList<>()).add(e);
        }
        record Cursor(List<BatchLog.Entry> list, int index) {
            BatchLog.Entry entry() {
                return list.get(index);
            }
        }
        PriorityQueue<Cursor> queue =
                new PriorityQueue<>(
                        Comparator.comparingLong((Cursor c) -> c.entry().createdMs())
                                .thenComparingInt(c -> c.entry().worker()));
        Map<Integer, LoadGeneratorBatches> generators = new HashMap<>();
        for (var e : byWorker.entrySet()) {
            e.getValue().sort(Comparator.comparingLong(BatchLog.Entry::seq));
            queue.add(new Cursor(e.getValue(), 0));
            generators.put(e.getKey(), new LoadGeneratorBatches(e.getKey(), options));
        }
        SampleParser parser = InputFormat.INFLUX.newParser(ParserOptions.defaults());
        ParseListener listener =
                new ParseListener() {
                    @Override
                    public void onSample(Sample s) {
                        sample.accept(s);
                    }

                    @Override
                    public void onRejected(Rejection rejection) {
                        throw new IllegalStateException("replayed line rejected: " + rejection);
                    }
                };
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            BatchLog.Entry e = c.entry();
            batchStart.accept(e.createdMs());
            parser.parse(generators.get(e.worker()).batch(e.seq(), e.createdMs()), listener);
            if (c.index() + 1 < c.list().size()) {
                queue.add(new Cursor(c.list(), c.index() + 1));
            }
        }
    }
}
