package io.condenser.rules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SeriesValuesParserTest {

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("a single value", "5", "5"),
                Arguments.of("several values", "1 2 3", "1 2 3"),
                Arguments.of("a+bxn is n+1 values", "0+10x3", "0 10 20 30"),
                Arguments.of("a-bxn counts down", "1-2x3", "1 -1 -3 -5"),
                Arguments.of("axn repeats n+1 times", "1x3", "1 1 1 1"),
                Arguments.of("x0 is the start alone", "7+1x0", "7"),
                Arguments.of("negative start", "-5+5x2", "-5 0 5"),
                Arguments.of("negative start counting down", "-1-1x2", "-1 -2 -3"),
                Arguments.of("decimals", "0.5+0.25x2", "0.5 0.75 1"),
                Arguments.of("scientific start", "1e3+1x1", "1000 1001"),
                Arguments.of("scientific with signed exponent", "1e+3-1e-1x1", "1000 999.9"),
                Arguments.of("a missing sample", "1 _ 3", "1 _ 3"),
                Arguments.of("_xn is n missing samples", "1 _x3 2", "1 _ _ _ 2"),
                Arguments.of("staleness marker", "1 stale 2", "1 stale 2"),
                Arguments.of("promtool's example", "0+10x2 _ 5", "0 10 20 _ 5"),
                Arguments.of("infinities", "Inf -Inf +Inf", "Infinity -Infinity Infinity"),
                Arguments.of("extra whitespace", "  1   2\t3 ", "1 2 3"),
                Arguments.of("empty", "", ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("expansions")
    void expands(String reason, String text, String want) {
        String got =
                SeriesValuesParser.parse(text).stream()
                        .map(SeriesValuesParser.Point::toString)
                        .collect(Collectors.joining(" "));
        assertThat(got).as(reason).isEqualTo(want);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("abc", "bad value 'abc'"),
                Arguments.of("1+x3", "bad value ''"),
                Arguments.of("1+1x", "bad repeat count ''"),
                Arguments.of("1+1x-2", "bad repeat count '-2'"),
                Arguments.of("1+1x2.5", "bad repeat count '2.5'"),
                Arguments.of("1d", "bad value '1d'"),
                Arguments.of("1+1x99999999", "bad repeat count"),
                Arguments.of("stalex2", "bad value 'stale'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(String text, String message) {
        assertThatThrownBy(() -> SeriesValuesParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
