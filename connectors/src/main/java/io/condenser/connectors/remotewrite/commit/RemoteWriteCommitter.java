package io.condenser.connectors.remotewrite.commit;

import io.condenser.connectors.remotewrite.send.BatchSender;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * Writes committables once their checkpoint completed (exactly-once delivery), to every endpoint,
 * with the same retries and split-and-resend as the at-least-once writer.
 *
 * <p>After a restore Flink commits the restored checkpoint's committables again, because it cannot
 * know whether the first commit finished. Remote-write has no transactions: samples already stored
 * come back as {@code out of order} and are counted as dropped with that reason, every sample not
 * yet stored lands. Nothing from a failed attempt that never checkpointed is ever sent.
 */
public final class RemoteWriteCommitter implements Committer<RemoteWriteCommittable> {

    private final List<BatchSender> senders;

    public RemoteWriteCommitter(List<BatchSender> senders) {
        this.senders = senders;
    }

    @Override
    public void commit(Collection<CommitRequest<RemoteWriteCommittable>> requests)
            throws IOException, InterruptedException {
        for (CommitRequest<RemoteWriteCommittable> request : requests) {
            // A RetriesExhaustedException propagates and fails the job: the committable stays
            // in the checkpoint and is committed again after the restore.
            for (BatchSender sender : senders) {
                sender.send(request.getCommittable().samples());
            }
        }
    }

    @Override
    public void close() {}
}
