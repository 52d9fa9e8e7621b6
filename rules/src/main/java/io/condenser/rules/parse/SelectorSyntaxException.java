package io.condenser.rules.parse;

/** A series selector that does not parse: names the 1-based column and the bad text. */
public final class SelectorSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int column;
    private final String detail;

    public SelectorSyntaxException(int column, String detail) {
        super("column " + column + ": " + detail);
        this.column = column;
        this.detail = detail;
    }

    /** 1-based column in the selector text; 0 when the problem is the selector as a whole. */
    public int column() {
        return column;
    }

    /** The message without the column prefix. */
    public String detail() {
        return detail;
    }

    @Override
    public String getMessage() {
        return column > 0 ? super.getMessage() : detail;
    }
}
