package io.condenser.connectors.eventtime;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * A reader's event time, sent to the coordinator every tick.
 *
 * @param active whether any of its channels is flowing and in step (holds event time)
 * @param watermarkMs its channels' watermark (meaningful when active)
 * @param lastInputAtMs wall-clock time of its last sample, Long.MIN_VALUE before the first
 */
public record ReaderTimeReport(boolean active, long watermarkMs, long lastInputAtMs)
        implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
