package io.condenser.jobs.bench.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How a line becomes a Kafka record the way Telegraf's outputs.kafka makes it. */
class TelegrafKafkaProducerTest {

    static byte[] line(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theKeyIsTheHostTag() {
        assertThat(
                        TelegrafKafkaProducer.hostKey(
                                line("cpu,cpu=cpu1,host=web-1,region=eu usage=1 5\n")))
                .isEqualTo(line("web-1"));
        assertThat(TelegrafKafkaProducer.hostKey(line("cpu,host=web-2 usage=1 5\n")))
                .isEqualTo(line("web-2"));
        assertThat(TelegrafKafkaProducer.hostKey(line("cpu usage=1,host=x 5\n")))
                .as("a field, not a tag")
                .isNull();
        assertThat(TelegrafKafkaProducer.hostKey(line("cpu,cpu=1 usage=1 5\n"))).isNull();
    }

    @Test
    void theTimestampIsTheMetricsOwnInMilliseconds() {
        assertThat(TelegrafKafkaProducer.timestampMs(line("cpu,host=a u=1 1700000000123456789\n")))
                .isEqualTo(1_700_000_000_123L);
        assertThat(TelegrafKafkaProducer.timestampMs(line("cpu,host=a u=1\n"))).isNull();
    }

    @Test
    void everyLineOfAHostGoesToTheSameAgent() {
        int a = TelegrafKafkaProducer.agentOf(line("cpu,host=h-3 u=1 1\n"), 4);
        assertThat(TelegrafKafkaProducer.agentOf(line("disk,path=/,host=h-3 u=2 2\n"), 4))
                .isEqualTo(a);
        assertThat(a).isBetween(0, 3);
        assertThat(TelegrafKafkaProducer.agentOf(line("cpu u=1 1\n"), 4)).isZero();
    }

    @Test
    void producerSettingsAreTelegrafsDefaults() {
        Properties p = TelegrafKafkaProducer.telegrafDefaults("127.0.0.1:9092", "snappy");
        assertThat(p)
                .containsEntry("acks", "all")
                .containsEntry("retries", "3")
                .containsEntry("enable.idempotence", "false")
                .containsEntry("compression.type", "snappy")
                .containsEntry("max.request.size", "1000000")
                .containsEntry("linger.ms", "0");
        assertThatThrownBy(() -> TelegrafKafkaProducer.telegrafDefaults("x:1", "zstd"))
                .hasMessageContaining("[none, gzip, snappy]");
    }
}
