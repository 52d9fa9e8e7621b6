package io.condenser.rules.aggregate;

import io.condenser.rules.model.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes and reads any aggregator: the output's stable id, then the aggregator's own versioned
 * state. This is what a Flink TypeSerializer for aggregator state wraps.
 */
public final class AggregatorStates {

    private AggregatorStates() {}

    public static void write(Aggregator aggregator, DataOutput out) throws IOException {
        out.writeShort(aggregator.output().id());
        aggregator.write(out);
    }

    public static Aggregator read(DataInput in) throws IOException {
        int id = in.readUnsignedShort();
        Output output = Output.byId(id);
        if (output == null) {
            throw new IOException("unknown output id " + id + " in aggregator state");
        }
        return output.readAggregator(in);
    }

    public static byte[] toBytes(Aggregator aggregator) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(aggregator, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Aggregator fromBytes(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        Aggregator aggregator = read(in);
        if (in.available() > 0) {
            throw new IOException(in.available() + " trailing bytes after aggregator state");
        }
        return aggregator;
    }
}
