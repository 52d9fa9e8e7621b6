package io.condenser.connectors.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.connectors.remotewrite.config.DeliveryMode;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A job writing a deterministic stream to the real Prometheus is failed three times mid-run and
 * restored from checkpoints; the final contents of Prometheus equal those of a fault-free run.
 * Every sample Prometheus refused on the way was one it already held (a replay, never a loss); with
 * an out-of-order window on the receiver nothing at all is refused.
 */
class RemoteWriteFailureRecoveryITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final int SERIES = 50;
    private static final int POINTS = 160;
    private static final long[] FAIL_AT = {2_000, 4_000, 6_000};

    /** Failure points already fired, per run: a restored attempt passes them. */
    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();

    private static final Pattern REJECTED_SERIES = Pattern.compile("series=\\\\\"(s\\d+)\\\\\"");
    private static final Pattern REJECTED_TS = Pattern.compile(" timestamp=(\\d+)");

    /** What a fault-free run stores: every point of every series, once. */
    private static Map<String, List<String>> expected(long base) {
        Map<String, List<String>> out = new TreeMap<>();
        for (int series = 0; series < SERIES; series++) {
            List<String> values = new ArrayList<>();
            for (int point = 0; point < POINTS; point++) {
                values.add((base + point * 1000L) + "=" + (series * 10_000 + point));
            }
            out.put("s" + series, values);
        }
        return out;
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void faultFreeRunStoresTheExpectedContents(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        long base = (System.currentTimeMillis() / 1000 - 15 * 60) * 1000;
        try (PrometheusServer clean = new PrometheusServer(dir)) {
            clean.start();
            run(clean.remoteWriteUrl(), DeliveryMode.AT_LEAST_ONCE, base, "clean", new long[0]);
            assertThat(contents(clean, (base + POINTS * 1000L) / 1000.0)).isEqualTo(expected(base));
            assertThat(rejections(clean)).isEmpty();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(DeliveryMode.AT_LEAST_ONCE, false),
                Arguments.of(DeliveryMode.EXACTLY_ONCE, false),
                Arguments.of(DeliveryMode.AT_LEAST_ONCE, true),
                Arguments.of(DeliveryMode.EXACTLY_ONCE, true));
    }

    /**
     * @param oooWindow run Prometheus with an out-of-order window: it then takes identical replays
     *     silently, so nothing at all may be refused
     */
    @ParameterizedTest(name = "{0}, out-of-order window {1}")
    @MethodSource("cases")
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void failedAndRestoredRunEqualsFaultFreeRun(
            DeliveryMode delivery, boolean oooWindow, @TempDir Path dir) throws Exception {
        assumeTrue(ExternalServer.onPath("prometheus"), "prometheus not on PATH");
        long base = (System.currentTimeMillis() / 1000 - 15 * 60) * 1000;
        String config = oooWindow ? "storage:\n  tsdb:\n    out_of_order_time_window: 1h\n" : "";
        try (PrometheusServer faulty = new PrometheusServer(dir, config)) {
            faulty.start();
            String runId = "faulty-" + delivery + "-" + oooWindow;
            run(faulty.remoteWriteUrl(), delivery, base, runId, FAIL_AT);
            assertThat(FIRED).filteredOn(f -> f.startsWith(runId + ":")).hasSize(FAIL_AT.length);

            Map<String, List<String>> expected = expected(base);
            assertThat(contents(faulty, (base + POINTS * 1000L) / 1000.0)).isEqualTo(expected);

            List<String[]> refused = rejections(faulty);
            System.out.printf(
                    "%s, out-of-order window %s: Prometheus refused %d requests after %d restores%n",
                    delivery, oooWindow, refused.size(), FAIL_AT.length);
            if (oooWindow) {
                assertThat(refused).as("identical replays are taken silently").isEmpty();
            }
            // Whatever was refused was already stored: a replay, never a loss.
            for (String[] r : refused) {
                assertThat(expected.get(r[0]))
                        .as("refused %s@%s is stored", r[0], r[1])
                        .anyMatch(v -> v.startsWith(r[1] + "="));
            }
        }
    }

    private static void run(
            String url, DeliveryMode delivery, long base, String runId, long[] failAt)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);

        // One source subtask: each series' samples leave it in timestamp order.
        DataGeneratorSource<Long> source =
                new DataGeneratorSource<>(
                        i -> i,
                        (long) SERIES * POINTS,
                        RateLimiterStrategy.perSecond(800),
                        Types.LONG);
        DataStream<Sample> samples =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "sequence")
                        .setParallelism(1)
                        .map(new FailingMap(runId, failAt))
                        .setParallelism(1)
                        .name("failure-injector")
                        .map(new ToSample(base))
                        .setParallelism(1)
                        .returns(SampleTypeInfo.INSTANCE);
        PrometheusRemoteWriteSink sink =
                PrometheusRemoteWriteSink.builder()
                        .endpoint(url)
                        .delivery(delivery)
                        .maxBatchSamples(200)
                        .maxBatchDelay(Duration.ofMillis(100))
                        .build();
        PrometheusRemoteWriteSink.keyBySeries(samples)
                .sinkTo(sink)
                .uid("remote-write")
                .name("remote-write");
        env.execute(runId);
    }

    /** Every stored sample per series label, as "timestamp=value", read back raw. */
    private static Map<String, List<String>> contents(PrometheusServer prom, double end)
            throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode series : prom.query("rw_fail[1h]", end)) {
            List<String> values = new ArrayList<>();
            for (JsonNode v : series.path("values")) {
                values.add(Math.round(v.get(0).asDouble() * 1000) + "=" + v.get(1).asText());
            }
            out.put(series.path("metric").path("series").asText(), values);
        }
        return out;
    }

    /** (series, timestamp) of every sample Prometheus logged as refused. */
    private static List<String[]> rejections(PrometheusServer prom) {
        List<String[]> out = new ArrayList<>();
        for (String line : prom.log().split("\n")) {
            if (line.contains("from remote write") || line.contains("Error appending")) {
                Matcher series = REJECTED_SERIES.matcher(line);
                Matcher ts = REJECTED_TS.matcher(line);
                assertThat(series.find() && ts.find()).as("parsable refusal: %s", line).isTrue();
                out.add(new String[] {series.group(1), ts.group(1)});
            }
        }
        return out;
    }

    /** Throws once at each chosen index, per run; the restored attempt passes. */
    private static final class FailingMap implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private final String runId;
        private final long[] failAt;

        FailingMap(String runId, long[] failAt) {
            this.runId = runId;
            this.failAt = failAt;
        }

        @Override
        public Long map(Long i) {
            for (long f : failAt) {
                if (i == f && FIRED.add(runId + ":" + f)) {
                    throw new IllegalStateException("injected failure at " + i);
                }
            }
            return i;
        }
    }

    /** Index i: series i % 50, point i / 50, one second apart; the value names both. */
    private static final class ToSample implements MapFunction<Long, Sample> {
        private static final long serialVersionUID = 1L;
        private final long base;

        ToSample(long base) {
            this.base = base;
        }

        @Override
        public Sample map(Long i) {
            long series = i % SERIES;
            long point = i / SERIES;
            return Sample.of(
                    "rw_fail",
                    Labels.of("series", "s" + series, "job", "it"),
                    base + point * 1000,
                    series * 10_000 + point);
        }
    }
}
