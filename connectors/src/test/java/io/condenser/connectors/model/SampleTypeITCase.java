package io.condenser.connectors.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Samples cross a shuffle with Kryo switched off: no generic-type fallback anywhere. */
class SampleTypeITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void samplesShuffleWithGenericTypesDisabled() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);

        List<Sample> input = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            input.add(Sample.of("m", Labels.of("i", Integer.toString(i % 7)), i, i));
        }
        input.add(Sample.staleMarker("m", Labels.of("i", "0"), 1000));

        DataStream<Sample> shuffled =
                env.fromData(input, SampleTypeInfo.INSTANCE)
                        .keyBy(Sample::seriesHash)
                        .map(s -> s)
                        .returns(SampleTypeInfo.INSTANCE);
        List<Sample> out = new ArrayList<>();
        try (CloseableIterator<Sample> it = shuffled.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).containsExactlyInAnyOrderElementsOf(input);
        assertThat(out).filteredOn(Sample::isStale).hasSize(1);
    }
}
