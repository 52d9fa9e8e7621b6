package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Rule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped examples must stay valid: they are what users copy. */
class ExampleRulesTest {

    @Test
    void telegrafExampleIsValid() {
        // the file, not the directory: examples/ also holds the rules-test files
        RuleSetLoader.Result r =
                RuleSetLoader.loadFiles(List.of(Path.of("examples/telegraf.yaml")), 1);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ruleSet().rules())
                .extracting(Rule::name)
                .contains("cpu-total-by-host", "http-requests", "http-response-time");
        assertThat(r.ruleSet().rule("diskio-bytes").enabled()).isFalse();
    }
}
