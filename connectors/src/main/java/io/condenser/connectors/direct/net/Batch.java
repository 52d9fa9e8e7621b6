package io.condenser.connectors.direct.net;

import io.condenser.model.Sample;
import java.util.List;

/**
 * Samples from one connection read or one HTTP request, bound for one split's output.
 *
 * @param channel where event time is tracked ({@code EventTimeSource}): a TCP connection, an HTTP
 *     client's address
 * @param ack told once the samples are safe (a checkpoint containing them completed) or lost (the
 *     reader closed first); null when nobody waits (TCP, HTTP with ack on-receive)
 * @param closesChannel the last of its channel (a closed connection): no samples, the reader lets
 *     the channel go
 */
public record Batch(
        String splitId,
        String channel,
        List<Sample> samples,
        boolean tcp,
        Ack ack,
        boolean closesChannel) {

    /** Samples of the split's own channel. */
    public Batch(String splitId, List<Sample> samples, boolean tcp, Ack ack) {
        this(splitId, splitId, samples, tcp, ack, false);
    }

    /** Samples of one channel. */
    public static Batch of(String splitId, String channel, List<Sample> samples, boolean tcp) {
        return new Batch(splitId, channel, samples, tcp, null, false);
    }

    /** The channel is gone. */
    public static Batch closing(String splitId, String channel) {
        return new Batch(splitId, channel, List.of(), true, null, true);
    }

    /** Someone waiting for a batch's fate: an HTTP response held until a checkpoint completes. */
    public interface Ack {
        void complete(boolean durable);
    }
}
