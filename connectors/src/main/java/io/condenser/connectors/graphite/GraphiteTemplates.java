package io.condenser.connectors.graphite;

import java.util.ArrayList;
import java.util.List;

/**
 * The templates a {@link GraphiteParser} applies. Among the templates whose filter matches a path,
 * the most specific wins, as in Telegraf: at the first position where one filter has a literal part
 * and another a glob, the literal wins ({@code cpu.*} beats {@code *.load}); otherwise the longer
 * filter wins ({@code *.*.*.*} beats {@code *.*.*} for a 4-part path, so Telegraf's documented "one
 * filter per path length" setups work); equally specific filters go by configuration order. A path
 * that no filter matches goes to the default template (the one without a filter), and without a
 * default template it keeps the whole path as its name.
 *
 * <p>Unlike Telegraf's filter tree, a failed literal branch falls back to a matching glob filter
 * (Telegraf does not backtrack), and filter parts may be partial globs ({@code cpu-*}).
 */
public final class GraphiteTemplates {

    public static final GraphiteTemplates NONE = new GraphiteTemplates(List.of(), null);

    private final List<GraphiteTemplate> filtered;
    private final GraphiteTemplate fallback;

    private GraphiteTemplates(List<GraphiteTemplate> filtered, GraphiteTemplate fallback) {
        this.filtered = filtered;
        this.fallback = fallback;
    }

    /**
     * Parses template lines.
     *
     * @throws IllegalArgumentException for a bad template or a second default template
     */
    public static GraphiteTemplates of(List<String> specs) {
        List<GraphiteTemplate> filtered = new ArrayList<>();
        GraphiteTemplate fallback = null;
        for (String spec : specs) {
            GraphiteTemplate t = GraphiteTemplate.parse(spec);
            if (!t.isDefault()) {
                filtered.add(t);
            } else if (fallback != null) {
                throw new IllegalArgumentException(
                        "graphite templates: only one template may lack a filter, got '"
                                + fallback.spec()
                                + "' and '"
                                + t.spec()
                                + "'");
            } else {
                fallback = t;
            }
        }
        return new GraphiteTemplates(List.copyOf(filtered), fallback);
    }

    public boolean isEmpty() {
        return filtered.isEmpty() && fallback == null;
    }

    /** The template for a path, or null when the whole path is the name. */
    public GraphiteTemplate select(String[] pathParts) {
        GraphiteTemplate best = null;
        for (GraphiteTemplate t : filtered) {
            if (t.matches(pathParts) && (best == null || t.compareSpecificity(best) > 0)) {
                best = t;
            }
        }
        return best != null ? best : fallback;
    }
}
