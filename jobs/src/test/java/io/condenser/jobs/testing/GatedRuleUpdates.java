package io.condenser.jobs.testing;

import io.condenser.jobs.rules.RuleSetUpdate;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Maps 0, 1, 2, … (a {@code NumberSequenceSource}) to rule set i, version i + 1, each once gate i
 * of {@link Gates} is open: a rule source whose updates the test releases one by one.
 */
public final class GatedRuleUpdates implements MapFunction<Long, RuleSetUpdate> {

    private static final long serialVersionUID = 1L;
    private final Gates gates;
    private final String[] yamls;

    public GatedRuleUpdates(Gates gates, String... yamls) {
        this.gates = gates;
        this.yamls = yamls.clone();
    }

    @Override
    public RuleSetUpdate map(Long i) throws Exception {
        gates.pass(i.intValue());
        return PipelineRunner.rules(i + 1, yamls[i.intValue()]);
    }
}
