package io.condenser.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * Which input labels an output series keeps: {@code by} the listed labels only, or {@code without}
 * the listed ones (every other label kept). A rule says one or the other, never both; a rule with
 * neither is {@code without: []} (every label kept, as vmagent does).
 *
 * @param mode BY or WITHOUT
 * @param labels label names, sorted and unique
 */
public record Grouping(Mode mode, List<String> labels) {

    public enum Mode {
        BY,
        WITHOUT
    }

    public static final Grouping KEEP_ALL = new Grouping(Mode.WITHOUT, List.of());

    public Grouping {
        Objects.requireNonNull(mode, "mode");
        labels = labels.stream().distinct().sorted().toList();
    }

    public static Grouping by(List<String> labels) {
        return new Grouping(Mode.BY, labels);
    }

    public static Grouping without(List<String> labels) {
        return new Grouping(Mode.WITHOUT, labels);
    }

    /** Does an output series keep this input label? ({@code __name__} is handled by naming.) */
    public boolean keeps(String labelName) {
        boolean listed = labels.contains(labelName);
        return mode == Mode.BY ? listed : !listed;
    }
}
