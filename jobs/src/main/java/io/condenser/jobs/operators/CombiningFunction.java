package io.condenser.jobs.operators;

import io.condenser.rules.engine.SeriesPartial;
import java.util.function.Consumer;

/**
 * A function that pre-aggregates into a {@link PartialCombiner}: its operator calls these before a
 * watermark leaves and before a checkpoint barrier, so partials always travel ahead of the
 * watermark that closes their window and no partial is left in memory across a checkpoint.
 */
public interface CombiningFunction {

    /** Sends the partials of every window whose close is at or before {@code watermark}. */
    void flushClosed(long watermark, Consumer<SeriesPartial> out);

    /** Sends every partial held. */
    void flushAll(Consumer<SeriesPartial> out);
}
