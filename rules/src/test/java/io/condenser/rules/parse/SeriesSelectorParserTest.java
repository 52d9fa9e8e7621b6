package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.condenser.rules.model.SeriesSelector;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Selector text -> its matchers in canonical PromQL form (or the exact error). Accepted forms and
 * messages follow the Prometheus lexer; each case names why it is here.
 */
class SeriesSelectorParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                ok("bare metric name", "up", "[__name__=\"up\"]"),
                ok("name with colons", "job:rate5m:sum", "[__name__=\"job:rate5m:sum\"]"),
                ok("name starting with _", "_x1", "[__name__=\"_x1\"]"),
                ok("empty braces after a name", "up{}", "[__name__=\"up\"]"),
                ok(
                        "name and equality",
                        "http_requests_total{env=\"prod\"}",
                        "[__name__=\"http_requests_total\", env=\"prod\"]"),
                ok(
                        "every operator",
                        "m{a=\"1\",b!=\"2\",c=~\"3\",d!~\"4\"}",
                        "[__name__=\"m\", a=\"1\", b!=\"2\", c=~\"3\", d!~\"4\"]"),
                ok("regex on the name only", "{__name__=~\"node_.*\"}", "[__name__=~\"node_.*\"]"),
                ok("name as an equality matcher", "{__name__=\"up\"}", "[__name__=\"up\"]"),
                ok("trailing comma", "m{a=\"1\",}", "[__name__=\"m\", a=\"1\"]"),
                ok(
                        "whitespace everywhere",
                        "  m \t{ a = \"1\" ,\n b =~ \"x\" , }  ",
                        "[__name__=\"m\", a=\"1\", b=~\"x\"]"),
                ok("single quotes", "m{a='x'}", "[__name__=\"m\", a=\"x\"]"),
                ok("backticks keep backslashes", "m{a=~`\\d+`}", "[__name__=\"m\", a=~\"\\\\d+\"]"),
                ok(
                        "escaped double quote",
                        "m{a=\"say \\\"hi\\\"\"}",
                        "[__name__=\"m\", a=\"say \\\"hi\\\"\"]"),
                ok(
                        "escaped single quote in single quotes",
                        "m{a='it\\'s'}",
                        "[__name__=\"m\", a=\"it's\"]"),
                ok(
                        "double quote inside single quotes",
                        "m{a='\"'}",
                        "[__name__=\"m\", a=\"\\\"\"]"),
                ok("newline escape", "m{a=\"x\\ny\"}", "[__name__=\"m\", a=\"x\\ny\"]"),
                ok("tab escape", "m{a=\"x\\ty\"}", "[__name__=\"m\", a=\"x\ty\"]"),
                ok("hex escape", "m{a=\"\\x41\"}", "[__name__=\"m\", a=\"A\"]"),
                ok("octal escape", "m{a=\"\\101\"}", "[__name__=\"m\", a=\"A\"]"),
                ok("unicode escape", "m{a=\"\\u00e9\"}", "[__name__=\"m\", a=\"é\"]"),
                ok("long unicode escape", "m{a=\"\\U0001F600\"}", "[__name__=\"m\", a=\"😀\"]"),
                ok(
                        "UTF-8 bytes as hex escapes",
                        "m{a=\"\\xc3\\xa9\"}",
                        "[__name__=\"m\", a=\"é\"]"),
                ok("literal UTF-8", "m{a=\"é\"}", "[__name__=\"m\", a=\"é\"]"),
                ok("escaped backslash", "m{a=\"\\\\\"}", "[__name__=\"m\", a=\"\\\\\"]"),
                ok(
                        "empty-matching matchers next to a non-empty one",
                        "{job=\"x\",env=\"\",pod=~\".*\"}",
                        "[job=\"x\", env=\"\", pod=~\".*\"]"),
                ok("negative matcher that rejects empty", "{a!=\"\"}", "[a!=\"\"]"),
                ok("regex that needs a value", "{a=~\".+\"}", "[a=~\".+\"]"),
                ok(
                        "label named like a keyword",
                        "m{by=\"x\",offset=\"y\"}",
                        "[__name__=\"m\", by=\"x\", offset=\"y\"]"),
                ok(
                        "same label twice is allowed",
                        "m{a=~\"x.*\",a!=\"xy\"}",
                        "[__name__=\"m\", a=~\"x.*\", a!=\"xy\"]"));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                err("empty", "", "column 1: empty selector"),
                err("only spaces", "   ", "column 4: empty selector"),
                err(
                        "name starting with a digit",
                        "1up",
                        "column 1: expected a metric name or {, got \"1up\""),
                err(
                        "name with a dash",
                        "http-requests",
                        "column 5: unexpected text after the selector: \"-requests\""),
                err(
                        "two names",
                        "up down",
                        "column 4: unexpected text after the selector: \"down\""),
                err("unclosed braces", "m{a=\"1\"", "column 8: expected , or }, got end of input"),
                err(
                        "open brace only",
                        "m{",
                        "column 3: expected a label name or }, got end of input"),
                err(
                        "missing comma",
                        "m{a=\"1\" b=\"2\"}",
                        "column 9: expected , or }, got \"b=\"2\"}\""),
                err("double comma", "m{a=\"1\",,}", "column 9: expected a label name, got \",}\""),
                err(
                        "bad operator",
                        "m{a~\"1\"}",
                        "column 4: expected one of =, !=, =~, !~, got \"~\"1\"}\""),
                err(
                        "double equals",
                        "m{a==\"1\"}",
                        "column 5: expected a quoted string after a=, got \"=\"1\"}\""),
                err(
                        "unquoted value",
                        "m{a=prod}",
                        "column 5: expected a quoted string after a=, got \"prod}\""),
                err(
                        "label starting with a digit",
                        "m{1a=\"x\"}",
                        "column 3: expected a label name, got \"1a=\"x\"}\""),
                err(
                        "label with a colon",
                        "m{a:b=\"x\"}",
                        "column 4: expected one of =, !=, =~, !~, got \":b=\"x\"}\""),
                err("unterminated string", "m{a=\"x}", "column 5: unterminated string \"\"x}\""),
                err(
                        "newline in a string",
                        "m{a=\"x\ny\"}",
                        "column 5: unterminated string \"\"x\ny\"}\""),
                err(
                        "unknown escape",
                        "m{a=\"\\d\"}",
                        "column 6: unknown escape sequence \\d (a literal backslash is \\\\)"),
                err(
                        "short hex escape",
                        "m{a=\"\\x4\"}",
                        "column 9: illegal character in escape sequence: \\x4\""),
                err(
                        "octal above 255",
                        "m{a=\"\\400\"}",
                        "column 6: octal escape value > 255: \\400"),
                err(
                        "surrogate escape",
                        "m{a=\"\\ud800\"}",
                        "column 6: escape sequence is an invalid Unicode code point: \\ud800"),
                err(
                        "invalid UTF-8",
                        "m{a=\"\\xff\"}",
                        "column 5: string is not valid UTF-8 after unescaping"),
                err("unterminated backtick", "m{a=`x}", "column 5: unterminated string \"`x}\""),
                err(
                        "bad regex",
                        "m{a=~\"(\"}",
                        "column 6: invalid regex in a=~\"(\": missing closing )"),
                err(
                        "backreference (not RE2)",
                        "m{a=~\"(a)\\\\1\"}",
                        "column 6: invalid regex in a=~\"(a)\\\\1\": invalid escape sequence"),
                err(
                        "name twice",
                        "m{__name__=\"n\"}",
                        "column 3: metric name given twice: before the braces and as __name__"),
                err(
                        "text after braces",
                        "m{a=\"1\"}[5m]",
                        "column 9: unexpected text after the selector: \"[5m]\""),
                err(
                        "a function call",
                        "rate(m[5m])",
                        "column 5: unexpected text after the selector: \"(m[5m])\""),
                err(
                        "empty braces",
                        "{}",
                        "must contain at least one matcher that does not match the empty string (it would select every series)"),
                err(
                        "only empty-matching matchers",
                        "{a=\"\",b=~\".*\"}",
                        "must contain at least one matcher that does not match the empty string (it would select every series)"),
                err(
                        "a negative matcher alone",
                        "{a!=\"x\"}",
                        "must contain at least one matcher that does not match the empty string (it would select every series)"),
                err(
                        "negative regex alone",
                        "{a!~\".+\"}",
                        "must contain at least one matcher that does not match the empty string (it would select every series)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String reason, String text, String matchers) throws Exception {
        SeriesSelector s = SeriesSelectorParser.parse(text);
        assertThat(s.matchers()).hasToString(matchers);
        assertThat(s.text()).isEqualTo(text.strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejects(String reason, String text, String message) {
        assertThatThrownBy(() -> SeriesSelectorParser.parse(text))
                .isInstanceOf(SelectorSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void exactMetricNameComesFromTheNameOrAnEqualityOnName() throws Exception {
        assertThat(SeriesSelectorParser.parse("up{a=\"1\"}").exactMetricName()).isEqualTo("up");
        assertThat(SeriesSelectorParser.parse("{__name__=\"up\"}").exactMetricName())
                .isEqualTo("up");
        assertThat(SeriesSelectorParser.parse("{__name__=~\"up\"}").exactMetricName()).isNull();
        assertThat(SeriesSelectorParser.parse("{job=\"x\"}").exactMetricName()).isNull();
    }

    @Test
    void regexesAreFullyAnchored() throws Exception {
        SeriesSelector s = SeriesSelectorParser.parse("{code=~\"5..\"}");
        assertThat(s.matchers().get(0).matches("500")).isTrue();
        assertThat(s.matchers().get(0).matches("1500")).isFalse();
        assertThat(s.matchers().get(0).matches("5000")).isFalse();
        SeriesSelector alt = SeriesSelectorParser.parse("{code=~\"4..|5..\"}");
        assertThat(alt.matchers().get(0).matches("404")).isTrue();
        assertThat(alt.matchers().get(0).matches("4040")).isFalse();
    }

    @Test
    void theCanonicalFormParsesBackToTheSameMatchers() throws Exception {
        for (Arguments a : valid().toList()) {
            SeriesSelector s = SeriesSelectorParser.parse((String) a.get()[1]);
            String canonical =
                    "{"
                            + s.matchers()
                                    .toString()
                                    .substring(1, s.matchers().toString().length() - 1)
                            + "}";
            assertThat(SeriesSelectorParser.parse(canonical).matchers())
                    .as("%s", a.get()[0])
                    .isEqualTo(s.matchers());
        }
    }

    private static Arguments ok(String reason, String text, String matchers) {
        return arguments(reason, text, matchers);
    }

    private static Arguments err(String reason, String text, String message) {
        return arguments(reason, text, message);
    }
}
