package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Rule;
import io.condenser.rules.testing.RuleTestSuite;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples must stay valid and their rule tests must pass: they are what users copy.
 */
class ExampleRulesTest {

    @Test
    void telegrafExampleIsValid() {
        // the directory, as the job loads it: the rules-test files under tests/ are not read
        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(Path.of("examples"), 1);
        assertThat(r.problems()).isEmpty();
        assertThat(r.files()).extracting(RuleFileParser.Result::file).hasSize(1);
        assertThat(r.ruleSet().rules())
                .extracting(Rule::name)
                .contains("cpu-total-by-host", "http-requests", "http-response-time");
        assertThat(r.ruleSet().rule("diskio-bytes").enabled()).isFalse();
    }

    @Test
    void telegrafRuleTestsPass() {
        StringWriter out = new StringWriter();
        RuleTestSuite suite =
                new RuleTestSuite(
                        path -> {
                            RuleFileParser.Result r = RuleFileParser.parse(path);
                            assertThat(r.problems()).isEmpty();
                            return r.rules();
                        },
                        new PrintWriter(out));
        boolean ok = suite.run(List.of(Path.of("examples/tests/telegraf.test.yaml")));
        assertThat(ok).as(out.toString()).isTrue();
        assertThat(out.toString()).endsWith("PASSED (9 tests)\n");
    }
}
