package io.condenser.rules.parse;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one file; {@link #forRule} scopes messages to one rule. */
final class Problems {

    private final String file;
    private final List<RuleProblem> list;
    private final String rule;

    Problems(String file) {
        this(file, new ArrayList<>(), null);
    }

    private Problems(String file, List<RuleProblem> list, String rule) {
        this.file = file;
        this.list = list;
        this.rule = rule;
    }

    /** The same list, messages labelled with {@code rule "name"} or {@code rule #n}. */
    Problems forRule(String ruleLabel) {
        return new Problems(file, list, ruleLabel);
    }

    void add(int line, String message) {
        list.add(new RuleProblem(file, line, rule, message));
    }

    String file() {
        return file;
    }

    int count() {
        return list.size();
    }

    List<RuleProblem> all() {
        return list;
    }
}
