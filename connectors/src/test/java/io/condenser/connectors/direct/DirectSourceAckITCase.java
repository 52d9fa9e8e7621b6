package io.condenser.connectors.direct;

import static io.condenser.connectors.direct.SimpleTestParsers.line;
import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.testing.ExternalServer;
import io.condenser.model.Sample;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ack on-checkpoint across crashes: clients that retry until they get a 2xx keep writing while the
 * job fails and is restored several times. Downstream, a committing collector publishes sample ids
 * only when a checkpoint containing them completes (or on restore from one), and dedups them: its
 * result must equal the fault-free result, every sample sent.
 */
class DirectSourceAckITCase {

    private static final int CLIENTS = 2;
    private static final int BATCHES = 40;
    private static final int BATCH_SIZE = 50;
    private static final int FAILURES = 3;

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void everySampleSurvivesRepeatedFailures() throws Exception {
        int http = ExternalServer.freePort();
        DirectSourceConfig config =
                DirectSourceConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(Protocol.HTTP, http)
                        .disable(Protocol.TCP_LINE_PROTOCOL)
                        .disable(Protocol.TCP_GRAPHITE)
                        .ack(AckMode.ON_CHECKPOINT)
                        .ackTimeout(Duration.ofSeconds(10))
                        .build();
        DirectSource source = new DirectSource(config, new SimpleTestParsers());

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 50);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(300));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(300);
        FailingMap.reset();
        CommitOnCheckpoint.COMMITTED.clear();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "direct")
                .uid("direct-source")
                .map(new FailingMap())
                .uid("failing-map")
                .keyBy(Sample::name)
                .process(new CommitOnCheckpoint())
                .uid("commit");
        JobClient job = env.executeAsync("direct-ack-it");
        Set<String> sent = ConcurrentHashMap.newKeySet();
        AtomicInteger notAcked = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(
                        clients.submit(
                                () -> {
                                    write(http, client, sent, notAcked);
                                    return null;
                                }));
            }
            for (Future<?> f : running) {
                f.get(3, TimeUnit.MINUTES);
            }
            DirectSourceITCase.await(
                    () -> CommitOnCheckpoint.COMMITTED.size() >= CLIENTS * BATCHES * BATCH_SIZE);
            assertThat(FailingMap.FAILED.get()).isEqualTo(FAILURES);
            assertThat(notAcked.get()).isPositive(); // clients did see the crashes
            assertThat(sent).hasSize(CLIENTS * BATCHES * BATCH_SIZE);
            assertThat(new HashSet<>(CommitOnCheckpoint.COMMITTED)).isEqualTo(sent);
            Map<String, Long> perSeries =
                    CommitOnCheckpoint.COMMITTED.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            id -> id.substring(0, id.indexOf('@')),
                                            TreeMap::new,
                                            Collectors.counting()));
            assertThat(perSeries.values()).containsOnly((long) BATCHES * BATCH_SIZE);
        } finally {
            clients.shutdownNow();
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    /** Sends batches in order, each retried until answered 204, as Telegraf does with 5xx. */
    private static void write(int port, int client, Set<String> sent, AtomicInteger notAcked)
            throws InterruptedException {
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder body = new StringBuilder();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                long ts = 1_000_000L + (long) b * BATCH_SIZE + i;
                body.append(line("client" + client, i, ts));
                ids.add("client" + client + "@" + ts);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (true) {
                try {
                    HttpResponse<String> r = DirectClients.post(port, "/write", body.toString());
                    if (r.statusCode() == 204) {
                        break;
                    }
                } catch (Exception e) {
                    // connection refused while the job restarts: retry
                }
                notAcked.incrementAndGet();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(
                            "batch " + b + " of client " + client + " never acked");
                }
                Thread.sleep(100);
            }
            sent.addAll(ids);
        }
    }

    /** Fails the job FAILURES times, spread over the run. */
    static final class FailingMap implements MapFunction<Sample, Sample> {
        static final AtomicLong SEEN = new AtomicLong();
        static final AtomicInteger FAILED = new AtomicInteger();

        static void reset() {
            SEEN.set(0);
            FAILED.set(0);
        }

        @Override
        public Sample map(Sample s) {
            long n = SEEN.incrementAndGet();
            if (n % 1000 == 0 && FAILED.get() < FAILURES) {
                FAILED.incrementAndGet();
                throw new IllegalStateException("injected failure after " + n + " samples");
            }
            return s;
        }
    }

    /**
     * Publishes ids only once they are in a completed checkpoint: the "committed result" a
     * transactional sink would show. Restored state comes from a completed checkpoint, so it is
     * published on restore.
     */
    static final class CommitOnCheckpoint extends ProcessFunction<Sample, Void>
            implements CheckpointedFunction, CheckpointListener {
        static final Set<String> COMMITTED = ConcurrentHashMap.newKeySet();

        private transient List<String> pending;
        private transient TreeMap<Long, List<String>> byCheckpoint;
        private transient ListState<String> state;

        @Override
        public void processElement(Sample s, Context ctx, Collector<Void> out) {
            pending.add(s.name() + "@" + s.timestampMs());
        }

        @Override
        public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
            byCheckpoint.put(ctx.getCheckpointId(), pending);
            pending = new ArrayList<>();
            List<String> all = new ArrayList<>();
            byCheckpoint.values().forEach(all::addAll);
            state.update(all);
        }

        @Override
        public void initializeState(FunctionInitializationContext ctx) throws Exception {
            pending = new ArrayList<>();
            byCheckpoint = new TreeMap<>();
            state =
                    ctx.getOperatorStateStore()
                            .getListState(new ListStateDescriptor<>("uncommitted", String.class));
            if (ctx.isRestored()) {
                state.get().forEach(COMMITTED::add);
            }
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Map<Long, List<String>> done = byCheckpoint.headMap(checkpointId, true);
            done.values().forEach(COMMITTED::addAll);
            done.clear();
        }
    }
}
