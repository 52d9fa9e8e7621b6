package io.condenser.rules.parse;

import java.util.Objects;

/**
 * One problem in a rule file, printed as {@code rules.yaml:14 rule "api-latency": interval must be
 * >= 1s, got 500ms}, or {@code rules.yaml:1: message} when it concerns no single rule.
 *
 * @param file the file name as given to the parser
 * @param line 1-based, 0 when unknown
 * @param rule {@code "name"} (quoted) or {@code #3} (1-based position when the name is missing or
 *     bad), or null
 * @param message what is wrong, naming the field and showing the bad value
 */
public record RuleProblem(String file, int line, String rule, String message)
        implements Comparable<RuleProblem> {

    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (rule != null) {
            sb.append(" rule ").append(rule);
        }
        return sb.append(": ").append(message).toString();
    }

    /** By file, then line: the order a user reads the file in. */
    @Override
    public int compareTo(RuleProblem o) {
        int c = file.compareTo(o.file);
        return c != 0 ? c : Integer.compare(line, o.line);
    }
}
