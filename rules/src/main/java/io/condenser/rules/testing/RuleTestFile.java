package io.condenser.rules.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.condenser.rules.parse.DurationParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A rule unit-test file, in the spirit of {@code promtool test rules}:
 *
 * <pre>{@code
 * rule_files: [rules.yaml]          # relative to this file
 * evaluation_interval: 1m           # default spacing of input values (promtool's name)
 * tests:
 *   - name: api request totals      # optional
 *     interval: 15s                 # spacing of this test's input values
 *     input_series:
 *       - series: 'http_requests_total{pod="a"}'
 *         values: '0+10x20 _ 5'     # promtool's expanding notation, first value at t=0
 *     expected_samples:             # at each listed time, exactly these outputs (any order)
 *       - time: 2m                  # an output's timestamp: its window's end
 *         series: 'http_requests_total:1m_total{pod="a"}'
 *         value: 80
 *       - time: 5m
 *         series: 'http_requests_total:1m_total{pod="a"}'
 *         stale: true               # a staleness marker
 * }</pre>
 *
 * Unknown keys are errors, reported with file and line.
 */
public record RuleTestFile(
        List<String> ruleFiles, String evaluationInterval, List<TestCase> tests) {

    public RuleTestFile {
        ruleFiles = ruleFiles == null ? List.of() : List.copyOf(ruleFiles);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }

    /** One test: input series and the outputs expected from every rule of the rule files. */
    public record TestCase(
            String name,
            String interval,
            List<InputSeries> inputSeries,
            List<ExpectedSample> expectedSamples) {

        public TestCase {
            inputSeries = inputSeries == null ? List.of() : List.copyOf(inputSeries);
            expectedSamples = expectedSamples == null ? List.of() : List.copyOf(expectedSamples);
        }
    }

    public record InputSeries(String series, String values) {}

    public record ExpectedSample(String time, String series, Double value, Boolean stale) {}

    private static final ObjectMapper MAPPER =
            new ObjectMapper(new YAMLFactory())
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Duration of a test's input spacing: the test's own, else evaluation_interval, else 1m. */
    public Duration intervalOf(TestCase test) {
        String text = test.interval() != null ? test.interval() : evaluationInterval;
        return text == null ? Duration.ofMinutes(1) : DurationParser.parse(text);
    }

    /**
     * @throws IOException with {@code file:line: message} for unreadable or invalid YAML
     */
    public static RuleTestFile read(Path file) throws IOException {
        return parse(Files.readString(file), file.toString());
    }

    private static int lineOfKey(String yaml, String key) {
        String[] lines = yaml.split("\n", -1);
        java.util.regex.Pattern p =
                java.util.regex.Pattern.compile(
                        "^\\s*(-\\s+)?" + java.util.regex.Pattern.quote(key) + "\\s*:.*");
        for (int i = 0; i < lines.length; i++) {
            if (p.matcher(lines[i]).matches()) {
                return i + 1;
            }
        }
        return 0;
    }

    public static RuleTestFile parse(String yaml, String fileName) throws IOException {
        try {
            RuleTestFile f = MAPPER.readValue(yaml, RuleTestFile.class);
            if (f == null) {
                throw new IOException(fileName + ": empty test file");
            }
            return f;
        } catch (UnrecognizedPropertyException e) {
            // records are built from buffered tokens, so Jackson's location is the end of the
            // enclosing mapping: find the key's own line instead
            int line = lineOfKey(yaml, e.getPropertyName());
            String where = line > 0 ? fileName + ":" + line : fileName;
            throw new IOException(
                    where
                            + ": unknown key '"
                            + e.getPropertyName()
                            + "' (known: "
                            + e.getKnownPropertyIds()
                            + ")",
                    e);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? fileName : fileName + ":" + loc.getLineNr();
            throw new IOException(where + ": " + e.getOriginalMessage(), e);
        }
    }
}
