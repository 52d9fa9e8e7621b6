package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.commit.RemoteWriteCommittable;
import io.condenser.connectors.remotewrite.commit.RemoteWriteCommitter;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.writer.RemoteWriteCommittingSinkWriter;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exactly-once: nothing is sent before the commit; the commit sends everything once. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteWriteCommittingSinkWriterTest {

    private static Sample sample(int series, long ts) {
        return Sample.of("m", Labels.of("s", "s" + series), ts, ts + series);
    }

    @Test
    void holdsSamplesUntilCommitThenSendsThemOnce() throws Exception {
        try (FaultInjectingReceiver receiver = new FaultInjectingReceiver()) {
            PrometheusRemoteWriteSink sink =
                    PrometheusRemoteWriteSink.builder()
                            .endpoint(receiver.url())
                            .delivery(DeliveryMode.EXACTLY_ONCE)
                            .maxBatchSamples(4)
                            .build();
            assertThat(sink).isInstanceOf(PrometheusRemoteWriteCommittingSink.class);
            RemoteWriteMetrics metrics = new RemoteWriteMetrics(new UnregisteredMetricsGroup());
            List<RemoteWriteCommittable> committables = new ArrayList<>();
            try (RemoteWriteCommittingSinkWriter w =
                    new RemoteWriteCommittingSinkWriter(sink.config(), metrics, List.of(), 0)) {
                for (int ts = 1; ts <= 5; ts++) {
                    for (int s = 0; s < 2; s++) {
                        w.write(sample(s, ts * 1000L), null);
                    }
                }
                w.write(sample(0, 2000), null); // at or below the mark: dropped
                w.flush(false);
                assertThat(receiver.received()).as("nothing before the commit").isEmpty();
                committables.addAll(w.prepareCommit());
                assertThat(w.prepareCommit()).isEmpty();
            }
            assertThat(committables).hasSize(3); // 4 + 4 + 2 samples
            assertThat(metrics.droppedCount(DropReason.NOT_NEWER)).isEqualTo(1);

            RemoteWriteMetrics committerMetrics =
                    new RemoteWriteMetrics(new UnregisteredMetricsGroup());
            try (RemoteWriteCommitter committer =
                    new RemoteWriteCommitter(
                            EndpointSenders.create(sink.config(), committerMetrics))) {
                committer.commit(requests(committables));
            }
            assertThat(receiver.acceptedSamples()).hasSize(10);
        }
    }

    private static Collection<Committer.CommitRequest<RemoteWriteCommittable>> requests(
            List<RemoteWriteCommittable> committables) {
        List<Committer.CommitRequest<RemoteWriteCommittable>> out = new ArrayList<>();
        for (RemoteWriteCommittable c : committables) {
            out.add(
                    new Committer.CommitRequest<>() {
                        @Override
                        public RemoteWriteCommittable getCommittable() {
                            return c;
                        }

                        @Override
                        public int getNumberOfRetries() {
                            return 0;
                        }

                        @Override
                        public void signalFailedWithKnownReason(Throwable t) {}

                        @Override
                        public void signalFailedWithUnknownReason(Throwable t) {}

                        @Override
                        public void retryLater() {}

                        @Override
                        public void updateAndRetryLater(RemoteWriteCommittable committable) {}

                        @Override
                        public void signalAlreadyCommitted() {}
                    });
        }
        return out;
    }
}
