package io.condenser.connectors.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DirectSourceConfigTest {

    @Test
    void defaultsServeTheAgentsUsualPorts() {
        DirectSourceConfig c = DirectSourceConfig.builder().build();
        assertThat(c.port(Protocol.TCP_LINE_PROTOCOL)).isEqualTo(8094);
        assertThat(c.port(Protocol.HTTP)).isEqualTo(8086);
        assertThat(c.port(Protocol.TCP_GRAPHITE)).isEqualTo(2003);
        assertThat(c.ack()).isEqualTo(AckMode.ON_RECEIVE);
        assertThat(c.maxFuture()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.authRequired()).isFalse();
    }

    @Test
    void disabledProtocolHasNoPort() {
        DirectSourceConfig c = DirectSourceConfig.builder().disable(Protocol.TCP_GRAPHITE).build();
        assertThat(c.enabled(Protocol.TCP_GRAPHITE)).isFalse();
        assertThatThrownBy(() -> c.port(Protocol.TCP_GRAPHITE))
                .hasMessageContaining("tcp-graphite is disabled");
    }

    @Test
    void ackModeNames() {
        assertThat(AckMode.fromName("on-checkpoint")).isEqualTo(AckMode.ON_CHECKPOINT);
        assertThat(AckMode.ON_RECEIVE.configName()).isEqualTo("on-receive");
        assertThatThrownBy(() -> AckMode.fromName("always")).hasMessageContaining("'always'");
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>)
                                b -> b.port(Protocol.HTTP, 70000),
                        "http port must be in 1..65535, got 70000"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>)
                                b -> b.port(Protocol.HTTP, 8094),
                        "distinct ports"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>)
                                b ->
                                        b.disable(Protocol.HTTP)
                                                .disable(Protocol.TCP_GRAPHITE)
                                                .disable(Protocol.TCP_LINE_PROTOCOL),
                        "at least one protocol"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>) b -> b.queueCapacity(0),
                        "queue capacity must be > 0, got 0"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>) b -> b.maxLineLength(10),
                        "max line length must be >= 64, got 10"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>)
                                b -> b.ackTimeout(Duration.ZERO),
                        "ack timeout must be > 0, got PT0S"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>)
                                b -> b.bearerTokenFile("/t").basicAuth("u", "/p"),
                        "not both"),
                Arguments.of(
                        (UnaryOperator<DirectSourceConfig.Builder>) b -> b.bindAddress(" "),
                        "bind address"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void buildNamesTheBadField(UnaryOperator<DirectSourceConfig.Builder> edit, String message) {
        assertThatThrownBy(() -> edit.apply(DirectSourceConfig.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
