package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.remotewrite.proto.Prompb;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;
import picocli.CommandLine;

/** {@code condenser parse} run in-process through picocli, as the launcher runs it. */
class ParseCommandTest {

    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    static Run run(InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new CondenserCommand(), new StdinFactory(stdin));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the test's stdin to every ParseCommand picocli creates. */
    record StdinFactory(InputStream stdin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof ParseCommand p) {
                p.stdin = stdin;
            }
            return k;
        }
    }

    @Test
    void graphiteFileAllParsed() throws IOException {
        Path f = dir.resolve("in.txt");
        Files.writeString(f, "servers.web1.cpu.idle 98.5 1700000000\nmem.free 1e9 1700000000.25\n");
        Run r = run("parse", "--format", "graphite", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "servers_web1_cpu_idle 98.5 1700000000000\n"
                                + "mem_free 1000000000 1700000000250\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void influxLinesWithPrecisionAndRejections() {
        Run r =
                run(
                        text(
                                "cpu,host=a usage_idle=99.5,usage_user=0.5 1700000000\n"
                                        + "mem,host=a used=5i\n"
                                        + "bad line\n"),
                        "parse",
                        "--format",
                        "influx",
                        "--precision",
                        "s",
                        "--now",
                        "1700000001000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out())
                .isEqualTo(
                        "cpu_usage_idle{host=\"a\"} 99.5 1700000000000\n"
                                + "cpu_usage_user{host=\"a\"} 0.5 1700000000000\n"
                                + "mem_used{host=\"a\"} 5 1700000001000\n");
        assertThat(r.err()).startsWith("line 3: ");
    }

    @Test
    void stdinWithDashOrNoFile() {
        for (String[] args :
                new String[][] {
                    {"parse", "--format", "graphite", "-"}, {"parse", "--format", "graphite"}
                }) {
            Run r = run(text("a.b 1 2\n"), args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).isEqualTo("a_b 1 2000\n");
        }
    }

    @Test
    void rejectedLinesGoToStderrAndExitOne() {
        Run r = run(text("a 1 1\nbroken\nb nan 2\nc 3 3\n"), "parse", "--format", "graphite");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("a 1 1000\nc 3 3000\n");
        assertThat(r.err())
                .isEqualTo(
                        "line 2: missing_value: expected 'path value [timestamp]': broken\n"
                                + "line 3: non_finite_value: value is not a finite number:"
                                + " 'nan': b nan 2\n");
    }

    @Test
    void templatesAndFixedClock() {
        Run r =
                run(
                        text("collectd.web1.load.load.shortterm 0.05\nother.metric 1\n"),
                        "parse",
                        "--format=graphite",
                        "--template",
                        "collectd.* .host.measurement.field*",
                        "--template",
                        "measurement* source=graphite",
                        "--now",
                        "2026-01-01T00:00:00Z");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .isEqualTo(
                        "load_load_shortterm{host=\"web1\"} 0.05 1767225600000\n"
                                + "other_metric{source=\"graphite\"} 1 1767225600000\n");
    }

    @Test
    void nowInMilliseconds() {
        Run r = run(text("a 1\n"), "parse", "--format", "graphite", "--now", "1234");
        assertThat(r.out()).isEqualTo("a 1 1234\n");
    }

    @Test
    void remoteWriteFileWithSkippedParts() throws IOException {
        Prompb.WriteRequest req =
                Prompb.WriteRequest.newBuilder()
                        .addTimeseries(
                                Prompb.TimeSeries.newBuilder()
                                        .addLabels(label("__name__", "up"))
                                        .addLabels(label("job", "prometheus"))
                                        .addSamples(
                                                Prompb.Sample.newBuilder()
                                                        .setValue(1)
                                                        .setTimestamp(1000))
                                        .addExemplars(
                                                Prompb.Exemplar.newBuilder()
                                                        .setValue(1)
                                                        .setTimestamp(1000)))
                        .addTimeseries(
                                Prompb.TimeSeries.newBuilder()
                                        .addLabels(label("x", "y"))
                                        .addSamples(Prompb.Sample.newBuilder().setValue(2)))
                        .build();
        Path f = dir.resolve("body.bin");
        Files.write(f, Snappy.compress(req.toByteArray()));
        Run r = run("parse", "--format", "remote-write", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("up{job=\"prometheus\"} 1 1000\n");
        assertThat(r.err())
                .isEqualTo(
                        "line 2: missing_metric_name: series has no __name__ label: {x=\"y\"}\n"
                                + "skipped 1 exemplar\n");
    }

    @Test
    void badRemoteWriteBody() {
        Run r = run(text("not snappy"), "parse", "--format", "remote-write");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("line 1: bad_snappy: ");
    }

    @Test
    void usageErrorsExitTwo() {
        Run unknown = run("parse", "--format", "json");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown format 'json'", "graphite, remote-write");

        assertThat(run("parse").exit()).isEqualTo(2);
        assertThat(run("parse", "--format", "graphite", "a", "b").exit()).isEqualTo(2);

        Run badTemplate = run("parse", "--format", "graphite", "--template", "measurement*.field*");
        assertThat(badTemplate.exit()).isEqualTo(2);
        assertThat(badTemplate.err()).contains("not both");

        Run badNow = run("parse", "--format", "graphite", "--now", "yesterday");
        assertThat(badNow.exit()).isEqualTo(2);
        assertThat(badNow.err()).contains("--now must be");

        Run missing = run("parse", "--format", "graphite", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read");
    }

    @Test
    void helpListsFormats() {
        Run r = run("parse", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--format", "graphite, remote-write", "--template", "--now");
    }

    private static Prompb.Label label(String n, String v) {
        return Prompb.Label.newBuilder().setName(n).setValue(v).build();
    }
}
