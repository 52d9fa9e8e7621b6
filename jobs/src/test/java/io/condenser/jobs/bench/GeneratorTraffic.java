package io.condenser.jobs.bench;

import io.condenser.connectors.model.SampleTypeInfo;
import io.condenser.model.Sample;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code source=generator}: {@link TelegrafTrafficGenerator} in a {@code DataGeneratorSource}, no
 * rate limit, so it generates exactly what the back-pressured job accepts.
 */
final class GeneratorTraffic implements BenchTraffic {

    private final int series;

    GeneratorTraffic(int series) {
        this.series = series;
    }

    @Override
    public DataStream<Sample> attach(StreamExecutionEnvironment env) {
        return env.fromSource(
                new DataGeneratorSource<>(
                        new TelegrafTrafficGenerator(series),
                        Long.MAX_VALUE,
                        SampleTypeInfo.INSTANCE),
                WatermarkStrategy.<Sample>forBoundedOutOfOrderness(Duration.ofMillis(100))
                        .withTimestampAssigner((s, t) -> s.timestampMs()),
                "telegraf-traffic");
    }

    @Override
    public void start(BenchRest rest) {}

    @Override
    public long accepted() {
        return TelegrafTrafficGenerator.GENERATED.sum();
    }

    @Override
    public int series() {
        return series;
    }

    @Override
    public long loadGeneratorSamplesSent() {
        return -1;
    }

    @Override
    public void close() {}
}
