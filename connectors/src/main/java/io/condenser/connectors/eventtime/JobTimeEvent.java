package io.condenser.connectors.eventtime;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * The coordinator's word to every reader.
 *
 * @param started event time may move (the startup grace after the first sample has passed)
 * @param activeWatermarkMs the minimum over the active readers' watermarks; with no reader active,
 *     the lowest closed floor of the readers (Long.MIN_VALUE when none has closed): a reader
 *     without input of its own follows it
 * @param timedOut no input anywhere for the idle timeout: event time follows the wall clock
 */
public record JobTimeEvent(boolean started, long activeWatermarkMs, boolean timedOut)
        implements SourceEvent {
    private static final long serialVersionUID = 1L;
}
