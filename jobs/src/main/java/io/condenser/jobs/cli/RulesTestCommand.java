package io.condenser.jobs.cli;

import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.RuleFileParser;
import io.condenser.rules.parse.RuleProblem;
import io.condenser.rules.testing.RuleTestSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./condenser rules test FILE…}: runs rule unit tests in the spirit of {@code promtool test
 * rules} (format: docs/rules.md, "Testing rules"). Each test file names its rule files, relative to
 * itself; they are parsed and validated exactly as the job loads them, a rejected rule file fails
 * that test file with the validator's messages. Prints a verdict per file and every failure's
 * expected vs got to stdout. Exit status 0 when every test passes, 1 on any failure, 2 on a usage
 * error.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Run rule unit tests: input series in promtool's expanding notation, expected output"
                    + " samples at given times. Failures print expected vs got."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:all tests pass", "1:a test failed or a file was bad", "2:usage error"})
public final class RulesTestCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Rule test files.")
    List<Path> files;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean ok =
                new RuleTestSuite(RulesTestCommand::load, spec.commandLine().getOut()).run(files);
        return ok ? 0 : 1;
    }

    private static List<Rule> load(Path ruleFile) {
        RuleFileParser.Result result = RuleFileParser.parse(ruleFile);
        if (!result.ok()) {
            throw new IllegalArgumentException(
                    result.problems().stream()
                            .map(RuleProblem::toString)
                            .collect(Collectors.joining("\n  ", "\n  ", "")));
        }
        return result.rules();
    }
}
