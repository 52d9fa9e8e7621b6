package io.condenser.jobs.rules.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.rules.RuleSetUpdate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class KafkaRuleSourceTest {

    private final List<RuleSetUpdate> out = new ArrayList<>();
    private final Collector<RuleSetUpdate> collector =
            new Collector<>() {
                @Override
                public void collect(RuleSetUpdate record) {
                    out.add(record);
                }

                @Override
                public void close() {}
            };

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void read(long offset, String key, String value) throws Exception {
        new KafkaRuleSource.RuleRecordDeserializer()
                .deserialize(
                        new ConsumerRecord<>("rules", 0, offset, utf8(key), utf8(value)),
                        collector);
    }

    @Test
    void oneRecordIsTheWholeSetVersionedByOffset() throws Exception {
        read(41, "telegraf.yaml", "rules: []\n");
        read(42, null, "rules: [] # v2\n");
        read(43, "x.yaml", null); // tombstone: skipped
        assertThat(out).hasSize(2);
        assertThat(out.get(0).version()).isEqualTo(41);
        assertThat(out.get(0).origin()).isEqualTo("kafka:rules/0@41");
        assertThat(out.get(0).files()).containsOnlyKeys("telegraf.yaml");
        assertThat(out.get(1).files())
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(
                                java.util.Map.of(
                                        KafkaRuleSource.DEFAULT_FILE_NAME, "rules: [] # v2\n")));
    }

    @Test
    void sourceIsUnboundedFromEarliest() {
        var source = KafkaRuleSource.create("127.0.0.1:9", "rules", null);
        assertThat(source.getBoundedness())
                .isEqualTo(org.apache.flink.api.connector.source.Boundedness.CONTINUOUS_UNBOUNDED);
    }
}
