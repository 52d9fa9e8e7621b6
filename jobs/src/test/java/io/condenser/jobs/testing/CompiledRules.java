package io.condenser.jobs.testing;

import io.condenser.jobs.rules.RuleSetUpdate;
import io.condenser.rules.engine.CompiledRule;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.RuleSetLoader;
import java.util.HashMap;
import java.util.Map;

/** The definitions of the latest accepted set, as a stage compiles them: for building elements. */
public final class CompiledRules {

    private Map<String, CompiledRule> byName = Map.of();

    /** Installs an update's rules; false when the set does not validate. */
    public boolean update(RuleSetUpdate update) {
        RuleSetLoader.Result r = update.load();
        if (!r.ok()) {
            return false;
        }
        Map<String, CompiledRule> m = new HashMap<>();
        for (Rule rule : r.ruleSet().enabledRules()) {
            m.put(rule.name(), CompiledRule.of(rule));
        }
        byName = m;
        return true;
    }

    public CompiledRule rule(String name) {
        return byName.get(name);
    }
}
