package io.condenser.jobs;

/**
 * Operator uids of the pipeline: part of the savepoint format. Never change one (state under the
 * old uid would be lost on restore); a new operator gets a new uid.
 */
public final class Uids {

    private Uids() {}

    public static final String RULES_WATERMARKS = "condenser-rules-watermarks";
    public static final String MATCH = "condenser-match-rules";
    public static final String SERIES_WINDOW = "condenser-series-window";
    public static final String GROUP_WINDOW = "condenser-group-window";
    public static final String SINK = "condenser-sink";
}
