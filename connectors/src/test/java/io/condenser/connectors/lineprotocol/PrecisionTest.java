package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrecisionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "n, NANOSECONDS",
        "ns, NANOSECONDS",
        "u, MICROSECONDS",
        "us, MICROSECONDS",
        "µ, MICROSECONDS",
        "ms, MILLISECONDS",
        "s, SECONDS",
        "S, SECONDS"
    })
    void queryParameterNames(String param, Precision expected) {
        assertThat(Precision.fromQueryParam(param)).isEqualTo(expected);
    }

    @Test
    void absentMeansNanoseconds() {
        assertThat(Precision.fromQueryParam(null)).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.fromQueryParam("")).isEqualTo(Precision.NANOSECONDS);
    }

    @Test
    void unknownPrecisionNamesTheValueAndTheChoices() {
        assertThatThrownBy(() -> Precision.fromQueryParam("h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'h'")
                .hasMessageContaining("n, ns, u, us, ms, s");
    }

    @Test
    void conversionToMillisecondsRoundsDown() {
        assertThat(Precision.NANOSECONDS.toMillis(1_999_999)).isEqualTo(1);
        assertThat(Precision.NANOSECONDS.toMillis(-1)).isEqualTo(-1);
        assertThat(Precision.MICROSECONDS.toMillis(-1_001)).isEqualTo(-2);
        assertThat(Precision.MILLISECONDS.toMillis(-5)).isEqualTo(-5);
        assertThat(Precision.SECONDS.toMillis(-5)).isEqualTo(-5_000);
        assertThatThrownBy(() -> Precision.SECONDS.toMillis(Long.MAX_VALUE / 100))
                .isInstanceOf(ArithmeticException.class);
    }
}
