package io.condenser.connectors.direct.reader;

import io.condenser.connectors.direct.net.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Held acknowledgements by checkpoint: a batch fully emitted before the barrier of checkpoint n is
 * in checkpoint n, so its ack is released when n (or any later checkpoint) completes. An aborted
 * checkpoint releases nothing; the next completed one covers its batches too. Task thread only.
 */
final class PendingAcks {

    private List<Batch.Ack> sinceSnapshot = new ArrayList<>();
    private final TreeMap<Long, List<Batch.Ack>> byCheckpoint = new TreeMap<>();

    void emitted(Batch.Ack ack) {
        sinceSnapshot.add(ack);
    }

    void snapshot(long checkpointId) {
        if (!sinceSnapshot.isEmpty()) {
            byCheckpoint.merge(
                    checkpointId,
                    sinceSnapshot,
                    (a, b) -> {
                        a.addAll(b);
                        return a;
                    });
            sinceSnapshot = new ArrayList<>();
        }
    }

    /** Acks every batch in a checkpoint up to and including this one. */
    int complete(long checkpointId) {
        int n = 0;
        Map<Long, List<Batch.Ack>> done = byCheckpoint.headMap(checkpointId, true);
        for (List<Batch.Ack> acks : done.values()) {
            for (Batch.Ack ack : acks) {
                ack.complete(true);
                n++;
            }
        }
        done.clear();
        return n;
    }

    /** Tells every waiter its batch is not safe (the reader is closing). */
    void failAll() {
        sinceSnapshot.forEach(a -> a.complete(false));
        sinceSnapshot.clear();
        byCheckpoint.values().forEach(l -> l.forEach(a -> a.complete(false)));
        byCheckpoint.clear();
    }
}
