package io.condenser.rules.testing;

import java.util.List;

/**
 * What a run of one test file gave.
 *
 * @param tests test cases run
 * @param failures one readable message per failed check (expected vs got); empty when all pass
 */
public record RuleTestResult(int tests, List<String> failures) {

    public RuleTestResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
