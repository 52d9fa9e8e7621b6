package io.condenser.connectors.direct.reader;

import io.condenser.model.Sample;
import java.util.List;

/**
 * Samples from one connection read or one HTTP request, bound for one split's output.
 *
 * @param ack told once the samples are safe (a checkpoint containing them completed) or lost (the
 *     reader closed first); null when nobody waits (TCP, HTTP with ack on-receive)
 */
public record Batch(String splitId, List<Sample> samples, boolean tcp, Ack ack) {

    /** Someone waiting for a batch's fate: an HTTP response held until a checkpoint completes. */
    public interface Ack {
        void complete(boolean durable);
    }
}
