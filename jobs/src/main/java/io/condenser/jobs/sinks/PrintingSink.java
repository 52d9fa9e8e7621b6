package io.condenser.jobs.sinks;

import io.condenser.model.ExpositionFormat;
import io.condenser.model.Sample;
import java.io.PrintStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes every sample to standard output as a Prometheus exposition line ({@code name{labels} value
 * timestamp_ms}): the local run's output when no remote-write endpoint is given, so a newcomer sees
 * what the job produces with nothing else installed. Not for production volumes.
 */
public final class PrintingSink implements Sink<Sample> {

    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<Sample> createWriter(WriterInitContext context) {
        return new Writer();
    }

    private static final class Writer implements SinkWriter<Sample> {
        private final StringBuilder line = new StringBuilder(128);

        @Override
        public void write(Sample sample, Context context) {
            line.setLength(0);
            ExpositionFormat.appendTo(sample, line);
            // System.out is looked up per write: tests redirect it, and one println is atomic
            // between subtasks (PrintStream locks), so lines never interleave
            PrintStream out = System.out;
            out.println(line);
        }

        @Override
        public void flush(boolean endOfInput) {
            System.out.flush();
        }

        @Override
        public void close() {}
    }
}
