package io.condenser.rules.preview;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format json}: a {@link PreviewReport} for scripts and CI. Field names are snake_case and
 * stable (docs/rules.md, "Preview a rule"); times are RFC 3339 strings, sizes bytes.
 */
public final class PreviewJson {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PreviewJson() {}

    public static String render(PreviewReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ok", report.ok());
        input(report.input(), root.putObject("input"));
        ArrayNode rules = root.putArray("rules");
        for (RuleReport r : report.rules()) {
            rule(r, rules.addObject());
        }
        ObjectNode u = root.putObject("unmatched");
        u.put("series", report.unmatched().series());
        u.put("samples", report.unmatched().samples());
        ArrayNode top = u.putArray("top_metrics");
        for (PreviewReport.MetricCount m : report.unmatched().topMetrics()) {
            top.addObject()
                    .put("name", m.name())
                    .put("series", m.series())
                    .put("samples", m.samples());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the preview as JSON", e);
        }
    }

    private static void input(PreviewReport.Input in, ObjectNode n) {
        ArrayNode sources = n.putArray("sources");
        in.sources().forEach(sources::add);
        n.put("series", in.series());
        n.put("samples", in.samples());
        n.put("has_samples", in.hasSamples());
        if (in.hasSamples()) {
            n.put("first_timestamp", Instant.ofEpochMilli(in.firstTimestampMs()).toString());
            n.put("last_timestamp", Instant.ofEpochMilli(in.lastTimestampMs()).toString());
        }
        n.put("out_of_orderness_ms", in.outOfOrdernessMs());
        n.put("rejected", in.rejected());
        ObjectNode skipped = n.putObject("skipped");
        new TreeMap<>(in.skipped()).forEach(skipped::put);
    }

    private static void rule(RuleReport r, ObjectNode n) {
        n.put("name", r.name());
        n.put("source", r.source());
        n.put("enabled", r.enabled());
        n.put("input_series", r.inputSeries());
        n.put("samples", r.samples());
        n.put("output_groups", r.outputGroups());
        n.put("series_per_group", r.seriesPerGroup());
        n.put("output_series", r.outputSeries());
        n.put("emitted_series", r.emittedSeries());
        n.put("reduction", Math.round(r.reduction() * 100) / 100.0);
        ArrayNode dropped = n.putArray("dropped_labels");
        for (RuleReport.DroppedLabel d : r.droppedLabels()) {
            dropped.addObject().put("label", d.label()).put("values", d.values());
        }
        ArrayNode windows = n.putArray("windows");
        for (RuleReport.WindowCount w : r.windows()) {
            windows.addObject()
                    .put("end", Instant.ofEpochMilli(w.endMs()).toString())
                    .put("active_input_series", w.activeInputSeries())
                    .put("active_groups", w.activeGroups())
                    .put("output_series", w.outputSeries());
        }
        RuleReport.StateEstimate s = r.state();
        n.putObject("state")
                .put("bytes_per_active_series", s.bytesPerActiveSeries())
                .put("total_bytes", s.totalBytes())
                .put("active_series", s.activeSeries())
                .put("active_groups", s.activeGroups())
                .put("series_entry_bytes", s.seriesEntryBytes())
                .put("group_entry_bytes", s.groupEntryBytes())
                .put("window_entry_bytes", s.windowEntryBytes())
                .put("open_windows_per_group", s.openWindows());
        RuleReport.Limit l = r.limit();
        n.putObject("max_output_series")
                .put("limit", l.maxOutputSeries())
                .put("needed_at_peak", l.neededAtPeak())
                .put("refused_groups_at_peak", l.refusedGroupsAtPeak())
                .put("refusals", l.refusals())
                .put("exceeded", l.exceeded());
        RuleReport.DroppedSamples d = r.dropped();
        ObjectNode ds = n.putObject("dropped_samples");
        for (Map.Entry<String, Long> e :
                Map.of(
                                "late", d.late(),
                                "deduplicated", d.deduplicated(),
                                "nan", d.nan(),
                                "counter_out_of_order", d.counterOutOfOrder())
                        .entrySet()
                        .stream()
                        .sorted(Map.Entry.comparingByKey())
                        .toList()) {
            ds.put(e.getKey(), e.getValue());
        }
        ArrayNode problems = n.putArray("problems");
        r.problems().forEach(problems::add);
    }
}
