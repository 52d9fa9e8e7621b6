package io.condenser.rules.testing;

import io.condenser.rules.model.Rule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs rule test files the way {@code condenser rules test FILE…} does: reads each test file, loads
 * its {@code rule_files} (relative to the test file) with the given loader, runs the tests and
 * prints a verdict per file with every failure's expected vs got. The CLI command only has to pass
 * the rule-file parser as the loader and turn the result into an exit code.
 */
public final class RuleTestSuite {

    /** Loads the rules of one rule file; a rejected file is an exception with its messages. */
    @FunctionalInterface
    public interface RuleLoader {
        List<Rule> load(Path ruleFile) throws Exception;
    }

    private final RuleLoader loader;
    private final PrintWriter out;

    public RuleTestSuite(RuleLoader loader, PrintWriter out) {
        this.loader = loader;
        this.out = out;
    }

    /**
     * @return true when every file was read and every test passed
     */
    public boolean run(List<Path> testFiles) {
        boolean ok = true;
        for (Path file : testFiles) {
            ok &= runFile(file);
        }
        out.flush();
        return ok;
    }

    private boolean runFile(Path file) {
        RuleTestFile tests;
        try {
            tests = RuleTestFile.read(file);
        } catch (IOException e) {
            out.println(file + ": FAILED to read: " + e.getMessage());
            return false;
        }
        List<Rule> rules = new ArrayList<>();
        Path dir = file.toAbsolutePath().getParent();
        for (String ruleFile : tests.ruleFiles()) {
            Path path = dir.resolve(ruleFile);
            try {
                rules.addAll(loader.load(path));
            } catch (Exception e) {
                out.println(file + ": FAILED to load rule file " + path + ": " + e.getMessage());
                return false;
            }
        }
        RuleTestResult result = new RuleTestRunner(rules).run(tests);
        if (result.passed()) {
            out.println(file + ": PASSED (" + count(result.tests(), "test") + ")");
            return true;
        }
        out.println(
                file
                        + ": FAILED ("
                        + count(result.failures().size(), "failure")
                        + " in "
                        + count(result.tests(), "test")
                        + ")");
        result.failures().forEach(f -> out.println("  " + f.replace("\n", "\n  ")));
        return false;
    }

    /** "1 test", "2 tests". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
