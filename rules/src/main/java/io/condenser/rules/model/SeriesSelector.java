package io.condenser.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * A PromQL series selector: {@code http_requests_total{env="prod",code=~"5.."}}. The metric name,
 * when given before the braces, is a {@code __name__="..."} matcher in {@link #matchers()}.
 *
 * @param text the selector as the user wrote it, for messages
 * @param matchers every matcher, the name matcher included; all must match
 */
public record SeriesSelector(String text, List<LabelMatcher> matchers) {

    public SeriesSelector {
        Objects.requireNonNull(text, "text");
        matchers = List.copyOf(matchers);
    }

    /** The exact metric name this selector requires, or null (no {@code __name__="..."}). */
    public String exactMetricName() {
        for (LabelMatcher m : matchers) {
            if (m.name().equals(LabelMatcher.METRIC_NAME) && m.isEquality()) {
                return m.value();
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
