package io.condenser.connectors.loadgen;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load generator sent, one text line per batch ({@code worker seq createdMs doneMs samples
 * bytes}): with {@link LoadGeneratorBatches} that is enough to rebuild every byte, so a benchmark
 * can feed a reference evaluator exactly the generated samples. {@code doneMs} is when the batch
 * was acknowledged (HTTP 2xx) or written (TCP, a pipe), {@code -1} when the generator gave up on
 * it; either way it was generated and belongs to the reference.
 */
public final class BatchLog implements AutoCloseable {

    /** One batch. */
    public record Entry(int worker, long seq, long createdMs, long doneMs, int samples, int bytes) {

        public boolean delivered() {
            return doneMs >= 0;
        }

        String format() {
            return worker + " " + seq + " " + createdMs + " " + doneMs + " " + samples + " "
                    + bytes;
        }

        static Entry parse(String line) {
            String[] f = line.trim().split(" ");
            if (f.length != 6) {
                throw new IllegalArgumentException("batch log line needs 6 fields, got: " + line);
            }
            return new Entry(
                    Integer.parseInt(f[0]),
                    Long.parseLong(f[1]),
                    Long.parseLong(f[2]),
                    Long.parseLong(f[3]),
                    Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]));
        }
    }

    private final BufferedWriter out;

    private BatchLog(BufferedWriter out) {
        this.out = out;
    }

    /** Creates (or truncates) the log file. */
    public static BatchLog create(Path file) throws IOException {
        return new BatchLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Appends one entry; safe from several worker threads. */
    public synchronized void append(Entry e) {
        try {
            out.write(e.format());
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the batch log", ex);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** Every entry of a log, in file order (per worker in batch order). */
    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(Entry.parse(line));
            }
        }
        return entries;
    }
}
