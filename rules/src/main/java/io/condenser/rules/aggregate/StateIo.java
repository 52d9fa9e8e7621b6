package io.condenser.rules.aggregate;

import java.io.DataInput;
import java.io.IOException;

/** Shared helpers of the versioned state formats. */
final class StateIo {

    private StateIo() {}

    /**
     * Reads the version byte of a state and fails on any version this code does not know (a state
     * written by a newer Condenser, or corrupt bytes), so nothing is silently misread.
     */
    static int readVersion(DataInput in, String state, int currentVersion) throws IOException {
        int version = in.readUnsignedByte();
        if (version < 1 || version > currentVersion) {
            throw new IOException(
                    "unknown "
                            + state
                            + " state version "
                            + version
                            + " (this build reads 1.."
                            + currentVersion
                            + ")");
        }
        return version;
    }

    static int readCount(DataInput in, String state, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            throw new IOException("corrupt " + state + " state: count " + n);
        }
        return n;
    }

    static <T extends Aggregator> T requireSame(Aggregator self, Aggregator other, Class<T> type) {
        if (!type.isInstance(other) || other.output() != self.output()) {
            throw new IllegalArgumentException(
                    "cannot merge " + other.output() + " into " + self.output());
        }
        return type.cast(other);
    }
}
