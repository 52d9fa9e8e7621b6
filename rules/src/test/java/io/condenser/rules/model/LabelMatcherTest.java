package io.condenser.rules.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelMatcherTest {

    private static final List<String> SIMPLE =
            List.of(
                    ".*",
                    ".+",
                    "",
                    "a",
                    "a|b",
                    "ab|",
                    "|",
                    "GET|POST|PUT",
                    "a.c",
                    "5..",
                    ".",
                    "..",
                    "node_.*",
                    ".*_total",
                    ".*no.*",
                    ".*.*",
                    "é.",
                    "😀.*",
                    ".*😀",
                    "a😀|b",
                    "a b");

    private static final List<String> ENGINE =
            List.of("(a|b)", "a+", "[ab]c", "x.*y", "(?i)abc", "a{2}", "^a$", "\\d", "😀.", ".😀");

    @ParameterizedTest
    @ValueSource(strings = {".*", ".+", "a|b", "node_.*", ".*_total", ".*x.*", "5..", "abc"})
    void commonRegexesTakeTheFastPath(String re) {
        assertThat(SimpleRegex.of(re)).isNotNull();
    }

    @Test
    void regexesNeedingTheEngineDoNot() {
        for (String re : ENGINE) {
            assertThat(SimpleRegex.of(re)).as(re).isNull();
        }
    }

    /** The fast path must agree with RE2J on every value, newlines and surrogate pairs included. */
    @Test
    void fastPathAgreesWithRe2() {
        Random rnd = new Random(7);
        String[] alphabet = {
            "a", "b", "c", "5", "0", "_", "n", "o", "t", "e", "é", "😀", "\n", " "
        };
        List<String> values = new ArrayList<>(List.of("", "a", "5xx", "node_", "x_total", "a\nb"));
        for (int i = 0; i < 3000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(7);
            for (int k = 0; k < len; k++) {
                sb.append(alphabet[rnd.nextInt(alphabet.length)]);
            }
            values.add(sb.toString());
        }
        List<String> regexes = new ArrayList<>(SIMPLE);
        regexes.addAll(ENGINE);
        for (String re : regexes) {
            Pattern p = Pattern.compile("^(?:" + re + ")$");
            LabelMatcher eq = LabelMatcher.of("l", LabelMatcher.Op.RE, re);
            LabelMatcher ne = LabelMatcher.of("l", LabelMatcher.Op.NRE, re);
            for (String v : values) {
                assertThat(eq.matches(v)).as("%s =~ %s", v, re).isEqualTo(p.matches(v));
                assertThat(ne.matches(v)).as("%s !~ %s", v, re).isEqualTo(!p.matches(v));
            }
        }
    }

    @Test
    void absentLabelIsTheEmptyValue() {
        assertThat(LabelMatcher.of("l", LabelMatcher.Op.EQ, "").matches(null)).isTrue();
        assertThat(LabelMatcher.of("l", LabelMatcher.Op.RE, ".*").matches(null)).isTrue();
        assertThat(LabelMatcher.of("l", LabelMatcher.Op.RE, ".+").matches(null)).isFalse();
        assertThat(LabelMatcher.of("l", LabelMatcher.Op.NEQ, "x").matches(null)).isTrue();
    }
}
