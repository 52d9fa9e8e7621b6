package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Collectors;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What the validator's error tables share ({@link RuleValidatorErrorTableTest}, {@link
 * RuleOutputErrorTableTest}): a case is a reason, a rule-file snippet and every message it must
 * produce, exactly. A snippet is the list under {@code rules:}, so its first line is line 2 of the
 * file.
 */
final class ErrorTableCases {

    /** The four lines every valid rule needs; cases vary them. */
    static final String OK =
            """
            - name: r
              match: foo
              interval: 1m
              outputs: [sum_samples]
            """;

    private ErrorTableCases() {}

    static Arguments c(String reason, String yaml, String... expected) {
        return arguments(reason, yaml, String.join("\n", expected));
    }

    /** Checks a snippet placed under {@code rules:}. */
    static void assertRuleProblems(String snippet, String expected) {
        assertProblems("rules:\n" + indent(snippet), expected);
    }

    static void assertProblems(String file, String expected) {
        RuleFileParser.Result r = RuleFileParser.parse("t.yaml", file);
        String got =
                r.problems().stream().map(RuleProblem::toString).collect(Collectors.joining("\n"));
        assertThat(got).isEqualTo(expected);
        assertThat(r.rules()).as("a file with problems yields no rules").isEmpty();
    }

    private static String indent(String s) {
        return s.lines().map(l -> "  " + l).collect(Collectors.joining("\n", "", "\n"));
    }
}
