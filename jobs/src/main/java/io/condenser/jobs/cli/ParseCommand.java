package io.condenser.jobs.cli;

import io.condenser.connectors.parse.InputFormat;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.parse.SampleParser;
import io.condenser.connectors.parse.StreamParsing;
import io.condenser.model.ExpositionFormat;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code condenser parse}: what will Condenser see? Prints the samples a parser makes of a file (or
 * stdin) as Prometheus exposition lines on stdout, rejected lines and skipped counts on stderr.
 * Exit status 0 when every line parsed, 1 when any was rejected, 2 for usage or I/O errors.
 */
@Command(
        name = "parse",
        mixinStandardHelpOptions = true,
        description = {
            "Parse metrics input and print the samples as Prometheus exposition lines"
                    + " (name{labels} value timestamp_ms) on stdout; rejected lines and skipped"
                    + " counts go to stderr.",
            "Exit status: 0 every line parsed, 1 some line rejected, 2 usage or I/O error."
        })
public final class ParseCommand implements Callable<Integer> {

    static final int EXIT_REJECTED = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            description = "Input format: ${COMPLETION-CANDIDATES}.",
            completionCandidates = FormatIds.class)
    InputFormat format;

    @CommandLine.Mixin ParserOptionsMixin parserOptions = new ParserOptionsMixin();

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            defaultValue = "-",
            description = "Input file, or - for stdin (the default).")
    String file;

    /** Where {@code -} reads from; tests replace it. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SampleParser parser;
        try {
            parser = format.newParser(parserOptions.toParserOptions());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Printer printer = new Printer(out, err);
        try (InputStream in = InputSource.open(file, stdin)) {
            StreamParsing.parse(in, format, parser, printer);
        } catch (IOException | RuntimeException e) {
            out.flush();
            err.println("condenser parse: cannot read " + file + ": " + e);
            err.flush();
            return EXIT_USAGE;
        }
        printer.skipped.forEach((reason, n) -> err.println("skipped " + n + " " + reason));
        out.flush();
        err.flush();
        return printer.rejected > 0 ? EXIT_REJECTED : 0;
    }

    /** Streams samples to stdout and rejections to stderr as they come. */
    private static final class Printer implements ParseListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private final StringBuilder line = new StringBuilder(128);
        private final Map<String, Long> skipped = new TreeMap<>();
        private long rejected;

        Printer(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onSample(Sample sample) {
            line.setLength(0);
            ExpositionFormat.appendTo(sample, line);
            out.println(line);
        }

        @Override
        public void onRejected(Rejection rejection) {
            rejected++;
            err.println(rejection);
        }

        @Override
        public void onSkipped(String reason, long count) {
            skipped.merge(reason, count, Long::sum);
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<InputFormat> {
        @Override
        public InputFormat convert(String value) {
            try {
                return InputFormat.fromId(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class FormatIds extends ArrayList<String> {
        FormatIds() {
            for (InputFormat f : InputFormat.values()) {
                add(f.id());
            }
        }
    }
}
