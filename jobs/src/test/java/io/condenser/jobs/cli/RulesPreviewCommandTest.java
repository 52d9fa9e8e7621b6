package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit status and messages of {@code rules preview}: what a CI gate relies on. */
class RulesPreviewCommandTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private Path rules() throws IOException {
        return write(
                "rules.yaml",
                """
                rules:
                  - name: cpu
                    match: cpu_usage_idle
                    interval: 1m
                    by: [host]
                    outputs: [avg]
                """);
    }

    private static ParseCommandTest.Run preview(Object... args) {
        String[] a = new String[args.length + 2];
        a[0] = "rules";
        a[1] = "preview";
        for (int i = 0; i < args.length; i++) {
            a[i + 2] = args[i].toString();
        }
        return ParseCommandTest.run(a);
    }

    @Test
    void everyRuleMatchingWithinLimitsIsExitZero() throws IOException {
        Path in = write("in.lp", "cpu,host=a,cpu=0 usage_idle=1 1767225600000000000\n");
        ParseCommandTest.Run r = preview(rules(), "--input", in);
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsPattern("\\ncpu +1 +1 +1 ")
                .contains("(influx)")
                .doesNotContain("problems:");
    }

    @Test
    void aRuleMatchingNothingIsExitOne() throws IOException {
        Path in = write("in.lp", "mem,host=a used=1 1767225600000000000\n");
        ParseCommandTest.Run r = preview(rules(), "--input", in, "--format", "json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("\"ok\" : false", "\"matches no input series\"");
    }

    @Test
    void invalidRulesAreExitOneWithTheValidatorsMessages() throws IOException {
        Path bad =
                write(
                        "bad.yaml",
                        "rules:\n  - name: x\n    match: up\n    interval: 500ms\n    outputs: [max]\n");
        Path in = write("in.lp", "up v=1 1767225600000000000\n");
        ParseCommandTest.Run r = preview(bad, "--input", in);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("interval must be >= 1s, got 500ms");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void usageErrorsAreExitTwo() throws IOException {
        Path rules = rules();
        Path in = write("in.lp", "cpu,host=a usage_idle=1 1767225600000000000\n");
        assertThat(preview(rules).exit()).as("no input").isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--from-prometheus", "http://127.0.0.1:1").exit())
                .as("both inputs")
                .isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--format", "yaml").exit()).isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--out-of-orderness", "5").exit()).isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--input-format", "csv").exit()).isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--match", "up").exit()).isEqualTo(2);
        assertThat(preview(rules, "--input", in, "--read", "federate").exit()).isEqualTo(2);
        assertThat(
                        preview(
                                        rules,
                                        "--from-prometheus",
                                        "http://127.0.0.1:1",
                                        "--read",
                                        "federate",
                                        "--start",
                                        "0")
                                .exit())
                .isEqualTo(2);
        ParseCommandTest.Run down = preview(rules, "--from-prometheus", "http://127.0.0.1:1");
        assertThat(down.exit()).as("nothing listens on port 1").isEqualTo(2);
        assertThat(down.err()).contains("condenser rules preview:");
        ParseCommandTest.Run missing = preview(rules, "--input", dir.resolve("nope.lp"));
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void unknownFormatAsksForInputFormat() throws IOException {
        Path in = write("in.txt", "hello world\n");
        ParseCommandTest.Run r = preview(rules(), "--input", in);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot tell the format", "--input-format");
        // told, it parses (and rejects the line): the rule then matches nothing
        r = preview(rules(), "--input", in, "--input-format", "graphite");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("rejected:", "line 1: bad_value");
    }

    @Test
    void gzipAndSeveralInputsAreOneInput() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("cpu,host=a usage_idle=1 1767225600000000000\n".getBytes());
        }
        Path a = dir.resolve("a.lp.gz");
        Files.write(a, gz.toByteArray());
        Path b = write("b.txt", "cpu_usage_idle;host=b 2 1767225610\n");
        ParseCommandTest.Run r = preview(rules(), "--input", a, "--input", b, "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("a.lp.gz (influx)", "b.txt (graphite)", "\"output_groups\" : 2");
    }
}
