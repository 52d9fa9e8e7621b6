package io.condenser.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.eval.OutputSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Comparing output samples with the {@link Oracle}'s. */
public final class OutputAssertions {

    private OutputAssertions() {}

    /**
     * Same keys (series, staleness, timestamp; a duplicate fails) and values within 1e-9 relative;
     * the expected list must not be empty (a vacuous comparison proves nothing).
     */
    public static void assertSameOutputs(
            String what, List<OutputSample> got, List<OutputSample> want) {
        Map<String, Double> g = Oracle.keyed(got);
        Map<String, Double> w = Oracle.keyed(want);
        assertThat(w).as(what + ": the oracle has output").isNotEmpty();
        assertThat(g.keySet()).as(what).containsExactlyElementsOf(w.keySet());
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Double> e : w.entrySet()) {
            double gv = g.get(e.getKey());
            if (Math.abs(gv - e.getValue()) > 1e-9 * Math.max(1, Math.abs(e.getValue()))) {
                wrong.add(e.getKey() + ": got " + gv + ", want " + e.getValue());
            }
        }
        assertThat(wrong).as(what).isEmpty();
    }
}
