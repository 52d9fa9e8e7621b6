package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.FaultInjectingReceiver.Answer;
import io.condenser.connectors.remotewrite.metrics.RemoteWriteMetrics;
import io.condenser.connectors.remotewrite.proto.Prompb;
import io.condenser.connectors.remotewrite.send.DropReason;
import io.condenser.connectors.remotewrite.send.EndpointSenders;
import io.condenser.connectors.remotewrite.send.RetryPolicy;
import io.condenser.connectors.remotewrite.writer.RemoteWriteSinkWriter;
import io.condenser.connectors.remotewrite.writer.RemoteWriteWriterState;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.metrics.groups.InternalSinkWriterMetricGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sender behaviour, modelled on the prometheus/compliance remote-write sender cases, against a
 * fault-injecting receiver on 127.0.0.1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteWriteSinkWriterTest {

    private static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(
                    Duration.ofMillis(10), Duration.ofMillis(100), 0.2, Duration.ofMinutes(1));

    private FaultInjectingReceiver receiver;
    private RemoteWriteMetrics metrics;
    private final List<RemoteWriteSinkWriter> writers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = new FaultInjectingReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        for (RemoteWriteSinkWriter w : writers) {
            w.close();
        }
        receiver.close();
    }

    private RemoteWriteSinkWriter writer(int maxBatchSamples) throws Exception {
        return writer(maxBatchSamples, List.of());
    }

    private RemoteWriteSinkWriter writer(
            int maxBatchSamples, Collection<RemoteWriteWriterState> restored) throws Exception {
        return writer(maxBatchSamples, restored, 1);
    }

    private RemoteWriteSinkWriter writer(
            int maxBatchSamples, Collection<RemoteWriteWriterState> restored, int lanes)
            throws Exception {
        return open(
                b ->
                        b.maxBatchSamples(maxBatchSamples)
                                .maxConcurrentRequests(lanes)
                                .retryPolicy(FAST_RETRIES),
                new UnregisteredMetricsGroup(),
                null,
                restored);
    }

    /** A writer of a sink to the receiver, configured by {@code sink}; closed after the test. */
    private RemoteWriteSinkWriter open(UnaryOperator<PrometheusRemoteWriteSinkBuilder> sink)
            throws IOException {
        return open(sink, new UnregisteredMetricsGroup(), null, List.of());
    }

    private RemoteWriteSinkWriter open(
            UnaryOperator<PrometheusRemoteWriteSinkBuilder> sink,
            MetricGroup group,
            ProcessingTimeService timers,
            Collection<RemoteWriteWriterState> restored)
            throws IOException {
        RemoteWriteConfig config =
                sink.apply(PrometheusRemoteWriteSink.builder().endpoint(receiver.url()))
                        .build()
                        .config();
        metrics = new RemoteWriteMetrics(group);
        RemoteWriteSinkWriter w =
                new RemoteWriteSinkWriter(
                        config,
                        metrics,
                        timers,
                        EndpointSenders.create(config, metrics),
                        restored,
                        0);
        writers.add(w);
        return w;
    }

    private static Sample sample(int series, long ts) {
        return Sample.of(
                "metric_" + (series % 7),
                Labels.of("Zone", "z" + (series % 3), "instance", "i" + series, "job", "test"),
                ts,
                series * 1000.0 + ts);
    }

    @Test
    void sendsTheProtocolHeaders() throws Exception {
        RemoteWriteSinkWriter w = writer(100);
        w.write(sample(1, 1000), null);
        w.flush(false);
        FaultInjectingReceiver.Received r = receiver.received().get(0);
        assertThat(r.header("Content-Encoding")).isEqualTo("snappy");
        assertThat(r.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(r.header("X-Prometheus-Remote-Write-Version")).isEqualTo("0.1.0");
        assertThat(r.header("User-Agent")).startsWith("condenser/");
        assertThat(r.body()[0]).as("snappy block, not framed").isNotEqualTo((byte) 0xff);
        assertThat(r.request()).as("decodes as snappy block + protobuf").isNotNull();
    }

    @ParameterizedTest(name = "{0} concurrent requests")
    @ValueSource(ints = {1, 4})
    void thousandSeriesArriveInTimestampOrderWithWellFormedLabels(int lanes) throws Exception {
        RemoteWriteSinkWriter w = writer(333, List.of(), lanes);
        for (long ts = 1; ts <= 10; ts++) {
            for (int s = 0; s < 1000; s++) {
                w.write(sample(s, ts * 1000), null);
            }
        }
        w.flush(false);

        Map<String, Long> last = new HashMap<>();
        int samples = 0;
        for (FaultInjectingReceiver.Received r : receiver.received()) {
            for (Prompb.TimeSeries ts : r.request().getTimeseriesList()) {
                List<String> names = new ArrayList<>();
                Set<String> unique = new HashSet<>();
                for (Prompb.Label l : ts.getLabelsList()) {
                    names.add(l.getName());
                    assertThat(l.getName()).isNotEmpty();
                    assertThat(l.getValue()).isNotEmpty();
                    assertThat(unique.add(l.getName())).as("duplicate label").isTrue();
                }
                assertThat(names).isSorted().contains("__name__");
                String series = FaultInjectingReceiver.seriesOf(ts);
                for (Prompb.Sample s : ts.getSamplesList()) {
                    Long prev = last.put(series, s.getTimestamp());
                    assertThat(prev == null || prev < s.getTimestamp())
                            .as("%s: %s after %s", series, s.getTimestamp(), prev)
                            .isTrue();
                    samples++;
                }
            }
        }
        assertThat(last).hasSize(1000);
        assertThat(samples).isEqualTo(10_000);
    }

    @Test
    void batchAnswered500IsResent() throws Exception {
        receiver.thenAnswer(Answer.of(500, "internal error"), Answer.of(503, ""));
        RemoteWriteSinkWriter w = writer(10);
        for (int i = 0; i < 10; i++) {
            w.write(sample(i, 1000), null);
        }
        w.flush(false);
        assertThat(receiver.received()).hasSize(3);
        assertThat(receiver.received().get(2).body())
                .as("the same request again")
                .isEqualTo(receiver.received().get(0).body());
        assertThat(receiver.acceptedSamples()).hasSize(10);
        assertThat(metrics.endpoints().get(0).retries()).isEqualTo(2);
    }

    @Test
    void feedsFlinksStandardSinkMetrics() throws Exception {
        receiver.thenAnswer(Answer.of(400, "bad"));
        SinkWriterMetricGroup group =
                InternalSinkWriterMetricGroup.wrap(
                        UnregisteredMetricsGroup.createOperatorMetricGroup());
        RemoteWriteSinkWriter w = open(b -> b.maxBatchSamples(5), group, null, List.of());
        for (int i = 0; i < 12; i++) {
            w.write(sample(i, 1000), null);
        }
        w.flush(false);
        assertThat(group.getNumRecordsSendErrorsCounter().getCount()).isEqualTo(5);
        assertThat(group.getNumRecordsSendCounter().getCount()).isEqualTo(7);
        assertThat(group.getNumBytesSendCounter().getCount()).isPositive();
    }

    @Test
    void batchAnswered400IsNotResent() throws Exception {
        receiver.thenAnswer(Answer.of(400, "snappy: corrupt input"));
        RemoteWriteSinkWriter w = writer(10);
        for (int i = 0; i < 10; i++) {
            w.write(sample(i, 1000), null);
        }
        w.flush(false);
        for (int i = 0; i < 10; i++) {
            w.write(sample(i, 2000), null);
        }
        w.flush(false);
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.acceptedSamples()).hasSize(10).allMatch(s -> s.contains("@2000="));
        assertThat(metrics.endpoints().get(0).droppedCount(DropReason.CLIENT_ERROR)).isEqualTo(10);
    }

    @Test
    void retryAfterOn429IsHonoured() throws Exception {
        receiver.thenAnswer(new Answer(429, "slow down", Map.of("Retry-After", "1")));
        RemoteWriteSinkWriter w = writer(10);
        w.write(sample(1, 1000), null);
        w.flush(false);
        List<FaultInjectingReceiver.Received> got = receiver.received();
        assertThat(got).hasSize(2);
        // Our own backoff would be 10 ms; the receiver asked for 1 s.
        assertThat(got.get(1).atMs() - got.get(0).atMs()).isGreaterThanOrEqualTo(900);
        assertThat(receiver.acceptedSamples()).hasSize(1);
    }

    @Test
    void oneOutOfOrderSampleDoesNotSinkTheRequest() throws Exception {
        // Like Prometheus: the whole request is refused while it holds the bad sample.
        receiver.rule(
                req -> {
                    for (Prompb.TimeSeries ts : req.getTimeseriesList()) {
                        if (FaultInjectingReceiver.seriesOf(ts).contains("instance=i13,")) {
                            return Answer.of(400, "out of order sample");
                        }
                    }
                    return Answer.of(204, "");
                });
        RemoteWriteSinkWriter w = writer(100);
        for (int i = 0; i < 100; i++) {
            w.write(sample(i, 1000), null);
        }
        w.flush(false);
        assertThat(receiver.acceptedSamples()).hasSize(99).noneMatch(s -> s.contains("i13,"));
        assertThat(metrics.endpoints().get(0).droppedCount(DropReason.OUT_OF_ORDER)).isEqualTo(1);
    }

    @Test
    void samplesAtOrBelowTheHighWaterMarkAreNotResentAfterRestore() throws Exception {
        RemoteWriteSinkWriter w = writer(100);
        w.write(sample(1, 1000), null);
        w.write(sample(1, 2000), null);
        w.write(sample(1, 1500), null); // out of order: would be refused
        w.flush(false);
        List<RemoteWriteWriterState> state = w.snapshotState(1);
        assertThat(metrics.droppedCount(DropReason.NOT_NEWER)).isEqualTo(1);

        RemoteWriteSinkWriter restored = writer(100, state);
        restored.write(sample(1, 1000), null); // replayed
        restored.write(sample(1, 2000), null); // replayed
        restored.write(sample(1, 3000), null); // new
        restored.flush(false);
        assertThat(metrics.droppedCount(DropReason.NOT_NEWER)).isEqualTo(2);
        assertThat(receiver.acceptedSamples())
                .extracting(s -> s.substring(s.indexOf('@') + 1, s.indexOf('=', s.indexOf('@'))))
                .containsExactly("1000", "2000", "3000");
    }

    @Test
    void aBatchIsSentWhenItsTimeBoundPassesWithoutFurtherInput() throws Exception {
        ManualTimers timers = new ManualTimers();
        RemoteWriteSinkWriter w =
                open(
                        b -> b.maxBatchDelay(Duration.ofMillis(500)),
                        new UnregisteredMetricsGroup(),
                        timers,
                        List.of());
        timers.now = 10_000;
        w.write(sample(1, 1000), null);
        timers.now = 10_200;
        w.write(sample(2, 1000), null);
        assertThat(timers.dueAt).isEqualTo(10_500);
        timers.now = 10_500;
        timers.fire();
        // The timer only hands the batch over; waiting for delivery is the checkpoint's job.
        long deadline = System.currentTimeMillis() + 10_000;
        while (receiver.acceptedSamples().size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(receiver.acceptedSamples()).hasSize(2);
    }

    /** A processing-time service whose clock and single pending timer the test drives. */
    private static final class ManualTimers implements ProcessingTimeService {
        long now;
        long dueAt = -1;
        ProcessingTimeCallback callback;

        @Override
        public long getCurrentProcessingTime() {
            return now;
        }

        @Override
        public java.util.concurrent.ScheduledFuture<?> registerTimer(
                long timestamp, ProcessingTimeCallback target) {
            dueAt = timestamp;
            callback = target;
            return null;
        }

        void fire() throws Exception {
            ProcessingTimeCallback c = callback;
            callback = null;
            c.onProcessingTime(now);
        }
    }

    @Test
    void writeBlocksWhileTheReceiverIsDownAndNothingIsLost() throws Exception {
        receiver.rule(req -> Answer.of(503, "down"));
        RemoteWriteSinkWriter w =
                open(b -> b.maxBatchSamples(10).maxQueuedBatches(2).retryPolicy(FAST_RETRIES));
        int[] written = {0};
        Thread t =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < 100; i++) {
                                    w.write(sample(i, 1000), null);
                                    written[0] = i + 1;
                                }
                                w.flush(false);
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        t.start();
        t.join(1000);
        // One batch in flight + two queued + one being filled: the writer is blocked.
        assertThat(t.isAlive()).isTrue();
        assertThat(t.getState()).isIn(Thread.State.TIMED_WAITING, Thread.State.WAITING);
        assertThat(written[0]).isLessThan(50);
        receiver.rule(req -> Answer.of(204, ""));
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(receiver.acceptedSamples()).hasSize(100);
    }
}
