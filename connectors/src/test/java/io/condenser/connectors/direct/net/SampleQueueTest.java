package io.condenser.connectors.direct.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SampleQueueTest {

    private static Batch batch(int n) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(Sample.of("m", Labels.EMPTY, i, i));
        }
        return new Batch("http#0", samples, false, null);
    }

    @Test
    void boundedInSamplesButTakesAnyBatchWhenEmpty() {
        SampleQueue q = new SampleQueue(10);
        assertThat(q.offer(batch(25))).isTrue();
        assertThat(q.offer(batch(1))).isFalse();
        assertThat(q.poll().samples()).hasSize(25);
        assertThat(q.offer(batch(6))).isTrue();
        assertThat(q.offer(batch(4))).isTrue();
        assertThat(q.offer(batch(1))).isFalse();
        assertThat(q.sizeSamples()).isEqualTo(10);
    }

    @Test
    void waitingWritersStopAtTheBlockingBoundNonWaitingOnesAtTheCapacity() throws Exception {
        int bound = SampleQueue.BLOCKING_WRITERS_BOUND;
        SampleQueue q = new SampleQueue(4 * bound);
        assertThat(q.put(batch(bound), 10)).isTrue();
        // a TCP writer waits although the capacity has room ...
        assertThat(q.put(batch(1), 20)).isFalse();
        // ... an HTTP writer is queued up to the capacity
        assertThat(q.offer(batch(3 * bound))).isTrue();
        assertThat(q.offer(batch(1))).isFalse();
        assertThat(q.sizeSamples()).isEqualTo(4 * bound);
        q.poll();
        q.poll();
        assertThat(q.put(batch(bound), 10)).isTrue();
    }

    @Test
    void availabilityFutureCompletesOnAddNotBefore() {
        SampleQueue q = new SampleQueue(10);
        CompletableFuture<Void> f = q.available();
        assertThat(f).isNotDone();
        assertThat(q.available()).isSameAs(f);
        q.offer(batch(1));
        assertThat(f).isDone();
        assertThat(q.available()).isDone();
        q.poll();
        assertThat(q.available()).isNotDone();
    }

    @Test
    void putBlocksUntilRoomOrTimeoutAndCloseReleasesWriters() throws Exception {
        SampleQueue q = new SampleQueue(5);
        assertThat(q.put(batch(5), 10)).isTrue();
        assertThat(q.put(batch(1), 50)).isFalse();

        CompletableFuture<Boolean> blocked =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.put(batch(2), 20_000);
                            } catch (InterruptedException e) {
                                throw new RuntimeException(e);
                            }
                        });
        Thread.sleep(100);
        assertThat(blocked).isNotDone();
        q.poll();
        assertThat(blocked.get()).isTrue();

        q.offer(batch(3));
        CompletableFuture<Boolean> second =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return q.put(batch(5), 20_000);
                            } catch (InterruptedException e) {
                                throw new RuntimeException(e);
                            }
                        });
        Thread.sleep(100);
        List<Batch> left = q.close();
        assertThat(second.get()).isFalse();
        assertThat(left).hasSize(2);
        assertThat(q.offer(batch(1))).isFalse();
    }
}
