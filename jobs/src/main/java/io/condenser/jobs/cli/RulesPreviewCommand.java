package io.condenser.jobs.cli;

import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.parse.StreamParsing;
import io.condenser.rules.parse.DurationParser;
import io.condenser.rules.parse.RuleProblem;
import io.condenser.rules.parse.RuleSetLoader;
import io.condenser.rules.preview.PreviewJson;
import io.condenser.rules.preview.PreviewReport;
import io.condenser.rules.preview.PreviewTable;
import io.condenser.rules.preview.RulePreview;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./condenser rules preview RULES... --input FILE|URL} or {@code --from-prometheus URL}:
 * what the rules would do to real input before they go live (docs/rules.md, "Preview a rule").
 * Rules are loaded and validated as the job loads them; the input runs through the job's rule index
 * and the reference evaluator ({@link RulePreview}); the report goes to stdout as a table or JSON.
 * Exit status 0 when every enabled rule matches input and stays within its {@code
 * max_output_series}, 1 when one does not (or a rule file is invalid), 2 for usage errors and
 * unreadable input: so it can gate a rule change in CI.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Preview what rules would do to real input: per rule the input series and samples it"
                    + " matches, the output series it writes and the reduction, the labels it"
                    + " drops and their cardinality, output series per window, the estimated job"
                    + " state per active series and whether max_output_series would refuse"
                    + " groups; then the input no rule matches, by metric name.",
            "Input: --input FILE (Influx line protocol, Graphite plaintext or a remote-write"
                    + " request body; the format is detected, gzip too) or --from-prometheus URL"
                    + " (a live Prometheus-compatible server)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every enabled rule matches input and stays within its max_output_series",
            "1:a rule matches nothing or would exceed max_output_series, or a rule file is invalid",
            "2:usage error, or the input cannot be read"
        })
public final class RulesPreviewCommand implements Callable<Integer> {

    static final int EXIT_PROBLEM = 1;
    static final int EXIT_USAGE = 2;
    static final String DEFAULT_MATCH = "{__name__=~\".+\"}";

    enum Output {
        TABLE,
        JSON
    }

    @Parameters(
            arity = "1..*",
            paramLabel = "RULES",
            description =
                    "Rule files, or directories of them (loaded as one set, as the job does).")
    List<Path> rules;

    @Option(
            names = "--input",
            paramLabel = "FILE|URL",
            description =
                    "Input to preview, repeatable: a file, - for stdin, or an http(s) URL; gzip is"
                            + " decompressed. A remote-write dump is one request body per file.")
    List<String> inputs = new ArrayList<>();

    @Option(
            names = "--input-format",
            paramLabel = "FORMAT",
            converter = ParseCommand.FormatConverter.class,
            completionCandidates = ParseCommand.FormatIds.class,
            description = "Input format: ${COMPLETION-CANDIDATES} (default: detected per input).")
    InputFormat inputFormat;

    @CommandLine.Mixin ParserOptionsMixin parserOptions = new ParserOptionsMixin();

    @Option(
            names = "--from-prometheus",
            paramLabel = "URL",
            description =
                    "Read a live Prometheus-compatible server instead, e.g. http://127.0.0.1:9090.")
    String prometheus;

    @Option(
            names = "--read",
            paramLabel = "WHAT",
            defaultValue = "series",
            converter = ReadConverter.class,
            description =
                    "With --from-prometheus: series (/api/v1/series: every series of the time"
                            + " range, no samples) or federate (/federate: the latest sample of"
                            + " every current series). Default: ${DEFAULT-VALUE}.")
    PrometheusInput.Read read;

    @Option(
            names = "--match",
            paramLabel = "SELECTOR",
            description =
                    "With --from-prometheus: series selector, repeatable (default: "
                            + "{__name__=~\".+\"}, every series).")
    List<String> matchers = new ArrayList<>();

    @Option(
            names = "--start",
            paramLabel = "TIME",
            description =
                    "With --read series: range start, RFC 3339 or Unix seconds (default: --end"
                            + " minus 1h).")
    String start;

    @Option(
            names = "--end",
            paramLabel = "TIME",
            description = "With --read series: range end (default: now).")
    String end;

    @Option(
            names = "--out-of-orderness",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description =
                    "How far event time trails the newest sample: a sample older than that whose"
                            + " window has closed counts as late (default: ${DEFAULT-VALUE}).")
    String outOfOrderness;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "10",
            description = "Unmatched metric names to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            converter = OutputConverter.class,
            description = "Report format: table or json (default: ${DEFAULT-VALUE}).")
    Output format;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Where {@code --input -} reads from; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inputs.isEmpty() == (prometheus == null)) {
            throw usage("give either --input FILE|URL (repeatable) or --from-prometheus URL");
        }
        if (prometheus == null
                && (!matchers.isEmpty() || start != null || end != null || readGiven())) {
            throw usage("--match, --read, --start and --end need --from-prometheus");
        }
        if (read == PrometheusInput.Read.FEDERATE && (start != null || end != null)) {
            throw usage("--start and --end are for --read series (/federate has current values)");
        }
        Duration ooo = duration();
        if (top < 0) {
            throw usage("--top must be >= 0, got " + top);
        }
        List<RuleProblem> problems = new ArrayList<>();
        List<Path> files = RulesCheckCommand.ruleFiles(rules, problems);
        RuleSetLoader.Result loaded = RuleSetLoader.loadFiles(files, 0);
        problems.addAll(loaded.problems());
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println("condenser rules preview: the rule files are invalid (see rules check)");
            err.flush();
            return EXIT_PROBLEM;
        }
        RulePreview preview =
                new RulePreview(loaded.ruleSet().rules(), new JobStateLayout(), ooo, top);
        PreviewFeeder feeder = new PreviewFeeder(preview);
        List<String> sources = new ArrayList<>();
        try {
            if (prometheus != null) {
                readPrometheus(feeder, preview, sources);
            } else {
                for (String input : inputs) {
                    sources.add(readFile(input, feeder));
                }
            }
        } catch (IOException | RuntimeException e) {
            err.println("condenser rules preview: " + describe(e));
            err.flush();
            return EXIT_USAGE;
        }
        feeder.firstRejections().forEach(r -> err.println("rejected: " + r));
        if (feeder.rejected() > feeder.firstRejections().size()) {
            err.println(
                    "rejected: "
                            + (feeder.rejected() - feeder.firstRejections().size())
                            + " more (condenser parse shows them all)");
        }
        PreviewReport report = preview.finish(sources, feeder.rejected(), feeder.skipped());
        out.print(format == Output.JSON ? PreviewJson.render(report) : PreviewTable.render(report));
        out.flush();
        err.flush();
        return report.ok() ? 0 : EXIT_PROBLEM;
    }

    private String readFile(String input, PreviewFeeder feeder) throws IOException {
        try (BufferedInputStream in = InputSource.open(input, stdin)) {
            InputFormat f = inputFormat;
            if (f == null) {
                Optional<InputFormat> detected = InputSource.detect(in);
                if (detected.isEmpty()) {
                    throw new IllegalArgumentException(
                            "cannot tell the format of "
                                    + input
                                    + ": give --input-format "
                                    + InputFormat.ids().replace(", ", "|"));
                }
                f = detected.get();
            }
            SampleParser parser = f.newParser(parserOptions.toParserOptions());
            feeder.source(input);
            StreamParsing.parse(in, f, parser, feeder);
            return input + " (" + f.id() + ")";
        }
    }

    private void readPrometheus(PreviewFeeder feeder, RulePreview preview, List<String> sources)
            throws IOException {
        PrometheusInput server =
                new PrometheusInput(
                        prometheus, matchers.isEmpty() ? List.of(DEFAULT_MATCH) : matchers);
        Instant to = end == null ? Instant.now() : time("--end", end);
        Instant from = start == null ? to.minus(Duration.ofHours(1)) : time("--start", start);
        if (!from.isBefore(to)) {
            throw usage("--start must be before --end, got " + from + " and " + to);
        }
        feeder.source(server.describe(read, from, to));
        if (read == PrometheusInput.Read.SERIES) {
            server.series(from, to, preview::series);
        } else {
            server.federate(parserOptions.clock(), feeder);
        }
        sources.add(server.describe(read, from, to));
    }

    private boolean readGiven() {
        return spec.commandLine().getParseResult().hasMatchedOption("--read");
    }

    private Duration duration() {
        try {
            return DurationParser.parse(outOfOrderness);
        } catch (IllegalArgumentException e) {
            throw usage("--out-of-orderness: " + e.getMessage());
        }
    }

    private Instant time(String option, String value) {
        try {
            if (value.matches("[0-9]+(\\.[0-9]+)?")) {
                BigDecimal ms = new BigDecimal(value).movePointRight(3);
                return Instant.ofEpochMilli(ms.longValue());
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw usage(
                    option
                            + " must be RFC 3339 (2026-01-01T00:00:00Z) or Unix seconds, got '"
                            + value
                            + "'");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof java.net.ConnectException) {
            return "cannot connect: " + e;
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static final class OutputConverter implements CommandLine.ITypeConverter<Output> {
        @Override
        public Output convert(String value) {
            try {
                return Output.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "expected table or json, got '" + value + "'");
            }
        }
    }

    static final class ReadConverter implements CommandLine.ITypeConverter<PrometheusInput.Read> {
        @Override
        public PrometheusInput.Read convert(String value) {
            try {
                return PrometheusInput.Read.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "expected series or federate, got '" + value + "'");
            }
        }
    }
}
