package io.condenser.connectors.graphite;

import java.util.ArrayList;
import java.util.List;

/**
 * The templates a {@link GraphiteParser} applies, in the order given: the first template whose
 * filter matches a path maps it; a path that no filter matches goes to the default template (the
 * one without a filter), and without a default template it keeps the whole path as its name.
 *
 * <p>Telegraf picks the most specific filter instead of the first; Condenser uses the order in the
 * configuration because it is visible in the file and needs no tie-breaking rules. Put specific
 * filters first.
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
        for (GraphiteTemplate t : filtered) {
            if (t.matches(pathParts)) {
                return t;
            }
        }
        return fallback;
    }
}
