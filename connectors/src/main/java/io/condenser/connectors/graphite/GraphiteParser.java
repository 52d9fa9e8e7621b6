package io.condenser.connectors.graphite;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.PrometheusNames;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Graphite plaintext as collectd's {@code write_graphite} and Telegraf's {@code data_format =
 * "graphite"} send it: {@code path value [timestamp]} per line, fields separated by blanks, {@code
 * \n} or {@code \r\n} line ends, blank lines ignored.
 *
 * <ul>
 *   <li><b>path</b>: dotted; Graphite 1.1 tags after the first {@code ;} ({@code
 *       cpu.load;host=a;dc=eu}) become labels. The part before the tags is mapped to a metric name
 *       and labels by the {@link GraphiteTemplates}; without a matching template the whole path is
 *       the name. Names and label names are sanitised like Telegraf's Prometheus output ({@link
 *       PrometheusNames}: dots and other invalid characters become {@code _}). Tags win over
 *       template labels of the same name.
 *   <li><b>value</b>: a decimal float, exponent forms included ({@code 1.5e+06}). {@code nan} and
 *       {@code inf} are rejected ({@code non_finite_value}), as Telegraf does: an aggregation would
 *       carry a NaN through every sum, and a Graphite NaN is not a Prometheus staleness marker.
 *   <li><b>timestamp</b>: seconds since the epoch, fractional allowed (truncated to ms); absent or
 *       {@code -1} (carbon's "now") means the parser's clock.
 * </ul>
 *
 * <p>Rejection reasons: {@code missing_value}, {@code too_many_fields}, {@code bad_value}, {@code
 * non_finite_value}, {@code bad_timestamp}, {@code bad_path}, {@code bad_tag}, {@code bad_name}.
 *
 * <p>Paths repeat from one interval to the next, so the mapping of a path is cached (bounded,
 * cleared when full). Not thread-safe: one parser per thread or subtask.
 */
public final class GraphiteParser implements SampleParser {

    public static final int DEFAULT_PATH_CACHE_SIZE = 10_000;

    /** Longer paths are mapped every time, so the cache stays under ~10 MB. */
    static final int MAX_CACHED_PATH_LENGTH = 512;

    /** Prometheus' label for the metric name: a tag of that name would make a second one. */
    static final String RESERVED_NAME_LABEL = "__name__";

    private final GraphiteTemplates templates;
    private final LongSupplier clockMs;
    private final int pathCacheSize;
    private final Map<String, Object> pathCache = new HashMap<>();
    private final Labels.Builder labels = Labels.builder();
    private final Map<String, String> templateLabels = new TreeMap<>();

    private GraphiteParser(Builder b) {
        this.templates = b.templates;
        this.clockMs = b.clockMs;
        this.pathCacheSize = b.pathCacheSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void parse(byte[] input, int offset, int length, ParseListener listener) {
        int end = offset + length;
        int start = offset;
        long lineNumber = 0;
        while (start < end) {
            int nl = start;
            while (nl < end && input[nl] != '\n') {
                nl++;
            }
            parseLine(input, start, nl - start, ++lineNumber, listener);
            start = nl + 1;
        }
    }

    /**
     * Parses one line (without its {@code \n}; a trailing {@code \r} is ignored), for framers that
     * split a stream themselves. Blank lines produce nothing.
     */
    public void parseLine(byte[] buf, int off, int len, long lineNumber, ParseListener listener) {
        int end = off + len;
        while (end > off && (buf[end - 1] == '\r' || buf[end - 1] == '\n')) {
            end--;
        }
        int pathStart = skipBlanks(buf, off, end);
        if (pathStart == end) {
            return;
        }
        int pathEnd = skipNonBlanks(buf, pathStart, end);
        int valueStart = skipBlanks(buf, pathEnd, end);
        if (valueStart == end) {
            reject(
                    listener,
                    lineNumber,
                    "missing_value",
                    "expected 'path value [timestamp]'",
                    buf,
                    off,
                    end);
            return;
        }
        int valueEnd = skipNonBlanks(buf, valueStart, end);
        int tsStart = skipBlanks(buf, valueEnd, end);
        int tsEnd = skipNonBlanks(buf, tsStart, end);
        if (skipBlanks(buf, tsEnd, end) != end) {
            reject(
                    listener,
                    lineNumber,
                    "too_many_fields",
                    "expected 'path value [timestamp]', found more than three fields",
                    buf,
                    off,
                    end);
            return;
        }
        double value = GraphiteNumbers.parseValue(buf, valueStart, valueEnd);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            boolean nonFinite =
                    Double.isInfinite(value)
                            || GraphiteNumbers.isNonFiniteLiteral(buf, valueStart, valueEnd);
            reject(
                    listener,
                    lineNumber,
                    nonFinite ? "non_finite_value" : "bad_value",
                    (nonFinite ? "value is not a finite number: '" : "value is not a number: '")
                            + text(buf, valueStart, valueEnd)
                            + "'",
                    buf,
                    off,
                    end);
            return;
        }
        long ts;
        if (tsStart == tsEnd) {
            ts = clockMs.getAsLong();
        } else {
            ts = GraphiteNumbers.parseTimestampMs(buf, tsStart, tsEnd);
            if (ts == GraphiteNumbers.NOW) {
                ts = clockMs.getAsLong();
            } else if (ts == GraphiteNumbers.BAD_TIMESTAMP) {
                reject(
                        listener,
                        lineNumber,
                        "bad_timestamp",
                        "timestamp is not seconds since the epoch: '"
                                + text(buf, tsStart, tsEnd)
                                + "'",
                        buf,
                        off,
                        end);
                return;
            }
        }
        Object mapped = map(text(buf, pathStart, pathEnd));
        if (mapped instanceof Series s) {
            listener.onSample(Sample.of(s.name, s.labels, ts, value));
        } else {
            Bad bad = (Bad) mapped;
            reject(listener, lineNumber, bad.reason, bad.detail, buf, off, end);
        }
    }

    /** A path to its {@link Series} or, when unusable, a {@link Bad}; cached. */
    private Object map(String path) {
        Object cached = pathCache.get(path);
        if (cached != null) {
            return cached;
        }
        Object mapped = mapUncached(path);
        if (path.length() > MAX_CACHED_PATH_LENGTH) {
            return mapped; // a flood of huge distinct paths must not fill the heap
        }
        if (pathCache.size() >= pathCacheSize) {
            pathCache.clear();
        }
        pathCache.put(path, mapped);
        return mapped;
    }

    private Object mapUncached(String path) {
        int semi = path.indexOf(';');
        String base = semi < 0 ? path : path.substring(0, semi);
        if (base.isEmpty()) {
            return new Bad("bad_path", "metric path is empty");
        }
        String[] parts = base.split("\\.", -1);
        GraphiteTemplate template = templates.select(parts);
        labels.clear();
        String rawName = base;
        if (template != null) {
            templateLabels.clear();
            rawName = template.apply(base, parts, templateLabels);
            templateLabels.forEach(labels::set);
        }
        String name = PrometheusNames.sanitizeMetricName(rawName);
        if (name == null) {
            return new Bad("bad_name", "no valid metric name in '" + rawName + "'");
        }
        if (semi >= 0) {
            Bad bad = addTags(path, semi + 1);
            if (bad != null) {
                return bad;
            }
        }
        return new Series(name, labels.build());
    }

    /** Graphite 1.1 tags: {@code ;name=value} pairs, both sides non-empty. */
    private Bad addTags(String path, int from) {
        for (String tag : path.substring(from).split(";", -1)) {
            int eq = tag.indexOf('=');
            if (eq <= 0 || eq == tag.length() - 1) {
                return new Bad(
                        "bad_tag", "tag '" + tag + "' is not name=value with both non-empty");
            }
            String name = PrometheusNames.sanitizeLabelName(tag.substring(0, eq));
            if (name == null) {
                return new Bad(
                        "bad_tag", "tag name in '" + tag + "' has no valid label characters");
            }
            if (name.equals(RESERVED_NAME_LABEL)) {
                return new Bad("bad_tag", "tag name '__name__' is reserved for the metric name");
            }
            labels.set(name, tag.substring(eq + 1));
        }
        return null;
    }

    private static void reject(
            ParseListener listener,
            long lineNumber,
            String reason,
            String detail,
            byte[] buf,
            int off,
            int end) {
        // Decode only what the excerpt can show (at most 4 bytes per character): a huge line
        // must not become a huge String just to be cut.
        int excerptEnd = (int) Math.min(end, off + 4L * Rejection.MAX_EXCERPT + 4);
        listener.onRejected(Rejection.of(lineNumber, reason, detail, text(buf, off, excerptEnd)));
    }

    private static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    private static int skipBlanks(byte[] b, int i, int end) {
        while (i < end && (b[i] == ' ' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipNonBlanks(byte[] b, int i, int end) {
        while (i < end && b[i] != ' ' && b[i] != '\t') {
            i++;
        }
        return i;
    }

    private record Series(String name, Labels labels) {}

    private record Bad(String reason, String detail) {}

    /** Configuration; {@link #build()} validates. */
    public static final class Builder {
        private GraphiteTemplates templates = GraphiteTemplates.NONE;
        private LongSupplier clockMs = System::currentTimeMillis;
        private int pathCacheSize = DEFAULT_PATH_CACHE_SIZE;

        private Builder() {}

        /** Template lines, see {@link GraphiteTemplate}; parsed (and checked) here. */
        public Builder templates(List<String> specs) {
            this.templates = GraphiteTemplates.of(specs);
            return this;
        }

        public Builder templates(GraphiteTemplates templates) {
            this.templates = templates;
            return this;
        }

        /** The time (ms since the epoch) for lines without a timestamp. */
        public Builder clock(LongSupplier clockMs) {
            this.clockMs = clockMs;
            return this;
        }

        public Builder pathCacheSize(int entries) {
            this.pathCacheSize = entries;
            return this;
        }

        public GraphiteParser build() {
            if (templates == null || clockMs == null) {
                throw new IllegalArgumentException("templates and clock must not be null");
            }
            if (pathCacheSize < 1) {
                throw new IllegalArgumentException(
                        "pathCacheSize must be >= 1, got " + pathCacheSize);
            }
            return new GraphiteParser(this);
        }
    }
}
