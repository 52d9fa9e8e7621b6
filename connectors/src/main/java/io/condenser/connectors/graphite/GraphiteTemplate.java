package io.condenser.connectors.graphite;

import io.condenser.connectors.parse.PrometheusNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Graphite template in the syntax of Telegraf's graphite parser (and InfluxDB 1.x's graphite
 * input): {@code [filter] template [tag=value,...]}.
 *
 * <ul>
 *   <li>The <b>filter</b> is a dot-separated glob ({@code *} any run of characters within a part,
 *       {@code ?} one character); it matches a path whose leading parts match, so {@code cpu.*}
 *       matches {@code cpu.load.shortterm}. When several filters match, the most specific wins (see
 *       {@link GraphiteTemplates}). A template without a filter is the default template.
 *   <li>The <b>template</b> names each dot-separated part of the path: {@code measurement} and
 *       {@code field} build the metric name (several occurrences are joined with {@code _}), {@code
 *       measurement*} / {@code field*} take this and all remaining parts, an empty part skips its
 *       position, and any other word makes the part the value of a label of that name (repeated
 *       words join their parts with {@code .}, Telegraf's default separator).
 *   <li>The optional <b>tags</b> ({@code region=us-west,dc=1}) are added to every sample the
 *       template maps; labels taken from the path win over them.
 * </ul>
 *
 * <p>The metric name is {@code measurement_field} ({@code measurement} alone when the template has
 * no field), sanitised by {@link PrometheusNames}. When the template yields no measurement, the
 * whole path is the measurement, as in Telegraf. Parts after a greedy part still take their
 * positions, as in Telegraf.
 *
 * <p>Immutable and thread-safe.
 */
public final class GraphiteTemplate {

    static final String MEASUREMENT = "measurement";
    static final String MEASUREMENT_GREEDY = "measurement*";
    static final String FIELD = "field";
    static final String FIELD_GREEDY = "field*";

    private final String spec;
    private final String[] filter; // null for the default template
    private final String[] parts;
    private final String[] labelNames; // sanitised label name per part, null for special parts
    private final Map<String, String> defaultTags;

    private GraphiteTemplate(
            String spec,
            String[] filter,
            String[] parts,
            String[] labelNames,
            Map<String, String> defaultTags) {
        this.spec = spec;
        this.filter = filter;
        this.parts = parts;
        this.labelNames = labelNames;
        this.defaultTags = defaultTags;
    }

    /**
     * Parses one template line.
     *
     * @throws IllegalArgumentException naming the template and the bad part
     */
    public static GraphiteTemplate parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("graphite template must not be empty");
        }
        String[] tokens = spec.trim().split("\\s+");
        String filter = null;
        String template;
        String tags = null;
        switch (tokens.length) {
            case 1 -> template = tokens[0];
            case 2 -> {
                if (tokens[1].contains("=")) {
                    template = tokens[0];
                    tags = tokens[1];
                } else {
                    filter = tokens[0];
                    template = tokens[1];
                }
            }
            case 3 -> {
                filter = tokens[0];
                template = tokens[1];
                tags = tokens[2];
            }
            default ->
                    throw bad(
                            spec,
                            "expected '[filter] template [tag=value,...]', got "
                                    + tokens.length
                                    + " words");
        }
        String[] parts = template.split("\\.", -1);
        String[] labelNames = new String[parts.length];
        boolean greedyMeasurement = false;
        boolean greedyField = false;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            switch (p) {
                case "", MEASUREMENT, FIELD -> {}
                case MEASUREMENT_GREEDY -> greedyMeasurement = true;
                case FIELD_GREEDY -> greedyField = true;
                default -> {
                    String name = PrometheusNames.sanitizeLabelName(p);
                    if (name == null || name.equals(GraphiteParser.RESERVED_NAME_LABEL)) {
                        throw bad(spec, "part '" + p + "' is not usable as a label name");
                    }
                    labelNames[i] = name;
                }
            }
        }
        if (greedyMeasurement && greedyField) {
            throw bad(spec, "use either 'measurement*' or 'field*', not both");
        }
        return new GraphiteTemplate(
                spec.trim(),
                filter == null ? null : filter.split("\\.", -1),
                parts,
                labelNames,
                parseTags(spec, tags));
    }

    private static Map<String, String> parseTags(String spec, String tags) {
        Map<String, String> out = new TreeMap<>();
        if (tags == null) {
            return out;
        }
        for (String kv : tags.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0 || eq == kv.length() - 1) {
                throw bad(spec, "tag '" + kv + "' is not name=value");
            }
            String name = PrometheusNames.sanitizeLabelName(kv.substring(0, eq));
            if (name == null || name.equals(GraphiteParser.RESERVED_NAME_LABEL)) {
                throw bad(spec, "tag name in '" + kv + "' is not usable as a label name");
            }
            out.put(name, kv.substring(eq + 1));
        }
        return out;
    }

    private static IllegalArgumentException bad(String spec, String why) {
        return new IllegalArgumentException("graphite template '" + spec + "': " + why);
    }

    /** True for a template without a filter. */
    public boolean isDefault() {
        return filter == null;
    }

    public String spec() {
        return spec;
    }

    /** True when the filter's parts glob-match the leading parts of the path. */
    public boolean matches(String[] pathParts) {
        if (filter == null) {
            return true;
        }
        if (pathParts.length < filter.length) {
            return false;
        }
        for (int i = 0; i < filter.length; i++) {
            if (!glob(filter[i], 0, pathParts[i], 0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Positive when this filter is more specific than the other's, Telegraf's order: at the first
     * position where one filter part is a literal and the other a glob, the literal wins; when no
     * position decides, the longer filter wins; zero when neither does. Both must have filters.
     */
    int compareSpecificity(GraphiteTemplate other) {
        int shared = Math.min(filter.length, other.filter.length);
        for (int i = 0; i < shared; i++) {
            boolean mine = isLiteral(filter[i]);
            if (mine != isLiteral(other.filter[i])) {
                return mine ? 1 : -1;
            }
        }
        return Integer.compare(filter.length, other.filter.length);
    }

    private static boolean isLiteral(String part) {
        return part.indexOf('*') < 0 && part.indexOf('?') < 0;
    }

    /**
     * Maps a path: labels go into {@code labels} (name to value), and the returned string is the
     * unsanitised metric name ({@code measurement} or {@code measurement_field}).
     */
    public String apply(String path, String[] pathParts, Map<String, String> labels) {
        labels.putAll(defaultTags);
        List<String> measurement = new ArrayList<>(2);
        List<String> field = new ArrayList<>(2);
        Map<String, String> fromPath = new TreeMap<>();
        for (int i = 0; i < parts.length && i < pathParts.length; i++) {
            switch (parts[i]) {
                case "" -> {}
                case MEASUREMENT -> measurement.add(pathParts[i]);
                case FIELD -> field.add(pathParts[i]);
                case MEASUREMENT_GREEDY -> addRest(measurement, pathParts, i);
                case FIELD_GREEDY -> addRest(field, pathParts, i);
                default -> fromPath.merge(labelNames[i], pathParts[i], (a, b) -> a + "." + b);
            }
        }
        labels.putAll(fromPath);
        String m = measurement.isEmpty() ? path : String.join("_", measurement);
        return field.isEmpty() ? m : m + "_" + String.join("_", field);
    }

    private static void addRest(List<String> into, String[] pathParts, int from) {
        for (int j = from; j < pathParts.length; j++) {
            into.add(pathParts[j]);
        }
    }

    /**
     * {@code *} and {@code ?} glob within one path part. Hand-written: a regex per filter part
     * would cost more than the match on the hot path, and the syntax is two characters.
     */
    static boolean glob(String pattern, int pi, String text, int ti) {
        while (pi < pattern.length()) {
            char c = pattern.charAt(pi);
            if (c == '*') {
                while (pi < pattern.length() && pattern.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == pattern.length()) {
                    return true;
                }
                for (int k = ti; k <= text.length(); k++) {
                    if (glob(pattern, pi, text, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= text.length() || (c != '?' && c != text.charAt(ti))) {
                return false;
            }
            pi++;
            ti++;
        }
        return ti == text.length();
    }

    @Override
    public String toString() {
        return spec;
    }
}
