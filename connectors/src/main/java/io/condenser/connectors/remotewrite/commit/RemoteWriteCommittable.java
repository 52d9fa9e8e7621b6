package io.condenser.connectors.remotewrite.commit;

import io.condenser.model.Sample;
import java.util.List;

/**
 * One batch held back until the checkpoint that covers it completes (exactly-once delivery).
 * Samples are in write order: per series, strictly increasing timestamps.
 */
public record RemoteWriteCommittable(List<Sample> samples) {
    public RemoteWriteCommittable {
        samples = List.copyOf(samples);
    }
}
