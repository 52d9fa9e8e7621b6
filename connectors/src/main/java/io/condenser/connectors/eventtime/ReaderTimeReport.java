package io.condenser.connectors.eventtime;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * A reader's event time, sent to the coordinator every tick.
 *
 * @param active whether any of its channels is flowing and in step (holds event time)
 * @param watermarkMs its channels' watermark (meaningful when active)
 * @param lastInputAtMs wall-clock time of its last sample, Long.MIN_VALUE before the first
 * @param closedFloorMs the lowest watermark of this reader's channels that closed (agents that
 *     disconnected) since live traffic last flowed here, Long.MIN_VALUE when none: what it sent is
 *     all in, so event time may go that far when nothing flows — even if it closed before event
 *     time started
 */
public record ReaderTimeReport(
        boolean active, long watermarkMs, long lastInputAtMs, long closedFloorMs)
        implements SourceEvent {
    private static final long serialVersionUID = 2L;

    /** A report of a reader none of whose channels has closed yet. */
    public ReaderTimeReport(boolean active, long watermarkMs, long lastInputAtMs) {
        this(active, watermarkMs, lastInputAtMs, Long.MIN_VALUE);
    }
}
