package io.condenser.jobs.bench;

import io.condenser.rules.model.Rule;
import io.condenser.rules.model.RuleSet;
import io.condenser.rules.parse.RuleSetLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark's rules. By default the ten bench rules over the load generator's {@code telegraf}
 * mix (exact names with label matchers and two name regexes; {@code by} and {@code without}; avg,
 * min, max, count_series, count_samples, sum_samples, total, rate_sum, increase, quantiles; 10 s
 * windows, no delay); for larger sets, that many plus rules for applications that send nothing, so
 * only the ten match. To every set the benchmark adds {@link #ACCOUNTING_RULE}: one {@code
 * count_samples} per metric and window over every sample, which is how lost and double-counted
 * input samples are counted.
 */
public final class BenchRules {

    /** The rule that counts every input sample (its own file in the rules directory). */
    public static final String ACCOUNTING_RULE = "condenser-bench-accounting";

    public static final String ACCOUNTING_FILE = "condenser-bench-accounting.yaml";

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

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

    private BenchRules() {}

    /**
     * The ten bench rules plus {@code total - 10} rules that match nothing the generator sends.
     *
     * @param fleetCountSeries false replaces the one fleet-wide {@code count_series} by {@code
     *     count_samples}, to show what the rest of the job costs
     */
    public static String yaml(int total, Duration interval, boolean fleetCountSeries) {
        if (total < MATCHING.length) {
            throw new IllegalArgumentException("rules must be >= 10, got " + total);
        }
        String every = "    interval: " + format(interval) + "\n";
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (String r : MATCHING) {
            if (!fleetCountSeries) {
                r = r.replace("[count_series, avg]", "[count_samples, avg]");
            }
            yaml.append(r).append(every);
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
            yaml.append(rule("app-" + k, match, "by: [service]", "[rate_sum]")).append(every);
        }
        return yaml.toString();
    }

    /** The ten bench rules with 10 s windows. */
    public static String defaultYaml() {
        return yaml(MATCHING.length, DEFAULT_INTERVAL, true);
    }

    /**
     * The accounting rule: {@code count_samples} of every sample, one group per metric name ({@code
     * by} a label no input has, so its output names cannot collide with a user rule's).
     */
    public static String accountingYaml(Duration interval) {
        return "rules:\n"
                + rule(
                        ACCOUNTING_RULE,
                        "'{__name__=~\".+\"}'",
                        "by: [condenser_bench]",
                        "[count_samples]")
                + "    interval: "
                + format(interval)
                + "\n";
    }

    /**
     * Writes the rule directory the job reads: the user's file (or the ten bench rules) and the
     * accounting rule with the shortest interval of the set. Returns the loaded set, validated.
     *
     * @throws IllegalArgumentException naming the problems of an invalid rules file
     */
    public static RuleSet writeDirectory(Path userRules, Path dir) throws IOException {
        Files.createDirectories(dir);
        String user = userRules == null ? defaultYaml() : Files.readString(userRules);
        String userName = userRules == null ? "bench.yaml" : userRules.getFileName().toString();
        RuleSet userSet = load(Map.of(userName, user));
        Duration shortest = null;
        for (Rule r : userSet.enabledRules()) {
            if (shortest == null || r.interval().compareTo(shortest) < 0) {
                shortest = r.interval();
            }
        }
        if (shortest == null) {
            throw new IllegalArgumentException("the rules file has no enabled rule");
        }
        Files.writeString(dir.resolve(userName), user);
        String accounting = accountingYaml(shortest);
        Files.writeString(dir.resolve(ACCOUNTING_FILE), accounting);
        return load(Map.of(userName, user, ACCOUNTING_FILE, accounting));
    }

    private static RuleSet load(Map<String, String> files) {
        RuleSetLoader.Result loaded = RuleSetLoader.loadTexts(new TreeMap<>(files), 1);
        if (!loaded.ok()) {
            throw new IllegalArgumentException("invalid rules: " + loaded.problems());
        }
        return loaded.ruleSet();
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
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
