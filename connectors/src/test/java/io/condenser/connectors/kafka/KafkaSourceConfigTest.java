package io.condenser.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.parse.InputFormat;
import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaSourceConfigTest {

    private static KafkaSourceConfig.Builder valid() {
        return KafkaSourceConfig.builder().bootstrapServers("127.0.0.1:9092").topic("telegraf");
    }

    @Test
    void defaultsSuitTelegraf() {
        KafkaSourceConfig c = valid().build();
        assertThat(c.format()).isEqualTo(InputFormat.INFLUX);
        assertThat(c.precision()).isEqualTo("ns");
        assertThat(c.groupId()).isEqualTo("condenser");
        assertThat(c.startingOffsets()).isEqualTo(KafkaSourceConfig.StartingOffsets.EARLIEST);
        assertThat(c.maxOutOfOrderness()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.idleness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(KafkaSampleSource.create(c)).isNotNull();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>) b -> b.bootstrapServers(" "),
                        "bootstrap-servers must be set"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>)
                                b -> b.topics(java.util.List.of()),
                        "topics must name at least one topic"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>) b -> b.groupId(""),
                        "group-id must be set"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>)
                                b -> b.format(InputFormat.GRAPHITE),
                        "format must be influx or remote-write"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>) b -> b.precision("h"),
                        "precision must be ns, us, ms or s, got 'h'"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>) b -> b.idleness(Duration.ZERO),
                        "idleness must be > 0"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>)
                                b -> b.maxOutOfOrderness(Duration.ofSeconds(-1)),
                        "max-out-of-orderness must be >= 0"),
                Arguments.of(
                        (UnaryOperator<KafkaSourceConfig.Builder>) b -> b.property("group.id", "x"),
                        "property group.id is set by its own field"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void invalidSettingsAreNamed(UnaryOperator<KafkaSourceConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
