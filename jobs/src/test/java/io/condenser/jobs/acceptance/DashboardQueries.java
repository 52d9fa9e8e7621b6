package io.condenser.jobs.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the Grafana dashboard's queries use ({@code deploy/grafana/dashboards/*.json}): every
 * {@code flink_*} name in a panel's PromQL, with the label values its selector asks for.
 */
public final class DashboardQueries {

    public static final Path DASHBOARD =
            Launcher.ROOT.resolve("deploy/grafana/dashboards/condenser.json");

    private static final Pattern METRIC =
            Pattern.compile("\\b(flink_[A-Za-z0-9_:]+)(\\{([^}]*)\\})?");
    private static final Pattern MATCHER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=\"([^\"]*)\"");

    private DashboardQueries() {}

    /** Every PromQL expression of every panel. */
    public static List<String> expressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.path("expr").asText());
            }
        }
        return out;
    }

    /** metric name → the {@code label="value"} equality matchers used with it (maybe none). */
    public static Map<String, List<String>> metrics() throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (String expr : expressions()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                List<String> matchers = out.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                if (m.group(3) != null) {
                    Matcher l = MATCHER.matcher(m.group(3));
                    while (l.find()) {
                        matchers.add(l.group(1) + "=\"" + l.group(2) + "\"");
                    }
                }
            }
        }
        return out;
    }

    /**
     * The names (and name{label="value"} pairs) the scrape lacks; empty when the dashboard's every
     * query finds data.
     */
    public static List<String> missingFrom(MetricsText scrape) throws IOException {
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : metrics().entrySet()) {
            String name = e.getKey();
            if (!scrape.has(name)) {
                missing.add(name);
                continue;
            }
            for (String matcher : e.getValue()) {
                boolean found =
                        scrape.text()
                                .lines()
                                .anyMatch(
                                        line ->
                                                line.startsWith(name + "{")
                                                        && line.contains(matcher));
                if (!found) {
                    missing.add(name + "{" + matcher + "}");
                }
            }
        }
        return missing;
    }
}
