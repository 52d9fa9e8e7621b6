package io.condenser.jobs.bench;

import io.condenser.jobs.rules.RuleSetUpdate;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's rule sets, generated: ten rules over {@link TelegrafTrafficGenerator}'s metrics
 * (exact names with label matchers, two name regexes), and for larger sets that many plus rules for
 * applications that send nothing (exact names with label matchers, one name regex in every 500), so
 * only the ten match the traffic.
 */
final class BenchRules {

    private BenchRules() {}

    private static final String[] MATCHING = {
        rule(
                "cpu-idle-by-host",
                "'cpu_usage_idle{cpu!=\"cpu-total\"}'",
                "by: [host]",
                "[avg, min]"),
        rule(
                "cpu-cores-collapsed",
                "'{__name__=~\"cpu_usage_(user|system|iowait)\"}'",
                "without: [cpu]",
                "[avg, max]"),
        rule("disk-used-by-host", "'disk_used_percent{path!~\"/dev/.*\"}'", "by: [host]", "[max]"),
        rule(
                "diskio-bytes",
                "['diskio_read_bytes', 'diskio_write_bytes']",
                "without: [name]",
                "[rate_sum]"),
        rule(
                "net-bytes",
                "'{__name__=~\"net_bytes_(recv|sent)\", interface!=\"lo\"}'",
                "without: [interface]",
                "[total, rate_sum]"),
        rule("http-requests", "http_requests_total", "without: [host]", "[total, rate_sum]"),
        rule("http-5xx", "'http_requests_total{code=~\"5..\"}'", "by: [code]", "[increase]"),
        rule("cpu-idle-fleet", "cpu_usage_idle", "by: []", "[count_series, avg]"),
        rule("disk-used-quantiles", "disk_used_percent", "by: []", "['quantiles(0.5, 0.9, 0.99)']"),
        rule("net-recv-fleet", "net_bytes_recv", "by: []", "[sum_samples, count_samples]"),
    };

    /**
     * {@code total} rules (at least 10), the first ten matching the traffic.
     *
     * @param fleetCountSeries false replaces the one fleet-wide {@code count_series} (a single
     *     group whose set of series hashes is read and written whole per input series and window)
     *     by {@code count_samples}, to show what the rest of the job costs
     */
    static RuleSetUpdate ruleSet(int total, String interval, boolean fleetCountSeries) {
        if (total < MATCHING.length) {
            throw new IllegalArgumentException("rules must be >= 10, got " + total);
        }
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (String r : MATCHING) {
            if (!fleetCountSeries) {
                r = r.replace("[count_series, avg]", "[count_samples, avg]");
            }
            yaml.append(r).append("    interval: ").append(interval).append('\n');
        }
        for (int k = 0; k < total - MATCHING.length; k++) {
            String match =
                    k % 500 == 0
                            ? "'{__name__=~\"app" + k + "_.*_seconds\"}'"
                            : "'app"
                                    + k
                                    + "_requests_total{service=\"svc-"
                                    + k
                                    + "\", env=\"prod\"}'";
            yaml.append(rule("app-" + k, match, "by: [service]", "[rate_sum]"))
                    .append("    interval: ")
                    .append(interval)
                    .append('\n');
        }
        RuleSetUpdate update =
                new RuleSetUpdate(1, "bench", new TreeMap<>(Map.of("bench.yaml", yaml.toString())));
        var loaded = update.load();
        if (!loaded.ok()) {
            throw new IllegalStateException("generated rules invalid: " + loaded.problems());
        }
        return update;
    }

    private static String rule(String name, String match, String grouping, String outputs) {
        return "  - name: "
                + name
                + "\n    match: "
                + match
                + "\n    "
                + grouping
                + "\n    outputs: "
                + outputs
                + "\n";
    }
}
