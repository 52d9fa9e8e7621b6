package io.condenser.rules.match;

/**
 * A sample's labels as the matcher sees them: the value of a label, or null when the series has no
 * such label. The job passes the connectors' {@code Labels::get}, so this module does not depend on
 * the connectors. The metric name is not a label here; it is passed separately.
 */
@FunctionalInterface
public interface LabelLookup {

    LabelLookup NONE = name -> null;

    String get(String labelName);
}
