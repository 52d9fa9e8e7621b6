package io.condenser.connectors.direct.split;

import io.condenser.connectors.direct.Protocol;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The assignment "subtask {@code subtask} serves listener {@code protocol}". There is one split per
 * (subtask, enabled protocol), so every subtask serves every port: connections and requests spread
 * over the subtasks of a TaskManager, and each split has its own watermark. A listener has no
 * position to resume from (what was not acknowledged is resent by the client, or lost for TCP), so
 * the split is immutable and needs no mutable state object.
 */
public final class ListenerSplit implements SourceSplit {

    private final Protocol protocol;
    private final int subtask;

    public ListenerSplit(Protocol protocol, int subtask) {
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        if (subtask < 0) {
            throw new IllegalArgumentException("subtask must be >= 0, got " + subtask);
        }
        this.subtask = subtask;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The subtask the enumerator assigned this split to (informational after rescaling). */
    public int subtask() {
        return subtask;
    }

    @Override
    public String splitId() {
        return id(protocol, subtask);
    }

    public static String id(Protocol protocol, int subtask) {
        return protocol.id() + "#" + subtask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListenerSplit s && s.protocol == protocol && s.subtask == subtask;
    }

    @Override
    public int hashCode() {
        return protocol.hashCode() * 31 + subtask;
    }

    @Override
    public String toString() {
        return "ListenerSplit{" + splitId() + "}";
    }
}
