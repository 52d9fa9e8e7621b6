package io.condenser.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.condenser.connectors.remotewrite.encode.RemoteWriteRequestEncoder;
import io.condenser.connectors.testing.PrometheusServer;
import io.condenser.model.Labels;
import io.condenser.model.Sample;
import io.condenser.rules.model.Rule;
import io.condenser.rules.parse.RuleFileParser;
import io.condenser.rules.preview.PreviewJson;
import io.condenser.rules.preview.RulePreview;
import io.condenser.rules.preview.SeriesRef;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules preview --from-prometheus} against Debian's Prometheus 2.42, filled through its
 * remote-write receiver with known series. The oracle is the same preview engine fed the written
 * series (for {@code --read series}) or their latest samples (for {@code --read federate})
 * directly: what comes back from the server and through the command must give the same report.
 */
@Timeout(180)
class RulesPreviewPrometheusITCase {

    static final String RULES =
            """
            rules:
              - name: requests-by-job
                match: http_requests_total
                interval: 1m
                by: [job]
                outputs: [total, sum_samples]
                max_output_series: 4
              - name: load
                match: node_load1
                interval: 1m
                by: []
                outputs: [max]
              - name: absent
                match: not_there
                interval: 1m
                outputs: [max]
            """;

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir static Path dir;
    static PrometheusServer prometheus;
    static List<Sample> written = new ArrayList<>();
    static long startMs;
    static Path rules;

    @BeforeAll
    static void fill() throws Exception {
        rules = dir.resolve("rules.yaml");
        Files.writeString(rules, RULES);
        prometheus = new PrometheusServer(dir.resolve("prometheus"));
        prometheus.start();
        long now = System.currentTimeMillis();
        startMs = now - 4 * 60_000;
        for (long ts = startMs; ts <= now; ts += 15_000) {
            long step = (ts - startMs) / 15_000;
            for (String job : List.of("api", "web", "batch")) {
                for (int pod = 0; pod < 4; pod++) {
                    written.add(
                            Sample.of(
                                    "http_requests_total",
                                    Labels.of("job", job, "pod", "p" + pod, "code", "200"),
                                    ts,
                                    step * 3 + pod));
                }
            }
            for (String instance : List.of("a:9100", "b:9100")) {
                written.add(
                        Sample.of("node_load1", Labels.of("instance", instance), ts, 0.5 + step));
            }
            written.add(Sample.of("go_goroutines", Labels.of("instance", "a:9100"), ts, 12));
        }
        HttpResponse<String> r =
                prometheus.post(
                        "/api/v1/write",
                        "application/x-protobuf",
                        RemoteWriteRequestEncoder.encode(written));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    private static List<Rule> rules() {
        return RuleFileParser.parse(rules.toString(), RULES).rules();
    }

    private static JsonNode run(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("rules", "preview", rules.toString()));
        args.addAll(List.of("--from-prometheus", prometheus.baseUrl(), "--format", "json"));
        args.addAll(List.of(extra));
        ParseCommandTest.Run r = ParseCommandTest.run(args.toArray(new String[0]));
        assertThat(r.err()).isEmpty();
        // "absent" matches nothing: exit 1 whatever the rest
        assertThat(r.exit()).isEqualTo(1);
        return JSON.readTree(r.out());
    }

    /** The report without what names the source (the URL differs from the oracle's). */
    private static JsonNode comparable(JsonNode report) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) report.path("input")).remove("sources");
        return report;
    }

    @Test
    void seriesOfTheRangeGiveTheSeriesFigures() throws Exception {
        JsonNode got =
                run(
                        "--read", "series",
                        "--start", Instant.ofEpochMilli(startMs - 60_000).toString(),
                        "--end",
                                Instant.ofEpochMilli(System.currentTimeMillis() + 60_000)
                                        .toString());

        RulePreview oracle =
                new RulePreview(
                        rules(), new JobStateLayout(), RulePreview.DEFAULT_OUT_OF_ORDERNESS, 10);
        for (Sample s : written) {
            oracle.series(s.name(), s.labels().toMap());
        }
        JsonNode want = JSON.readTree(PreviewJson.render(oracle.finish(List.of(), 0, Map.of())));
        assertThat(comparable(got)).isEqualTo(comparable(want));

        JsonNode requests = got.path("rules").get(0);
        assertThat(requests.path("input_series").asLong()).isEqualTo(12);
        assertThat(requests.path("output_series").asLong()).isEqualTo(6);
        assertThat(requests.path("max_output_series").path("exceeded").asBoolean()).isTrue();
        assertThat(got.path("input").path("has_samples").asBoolean()).isFalse();
        assertThat(got.path("unmatched").path("top_metrics").get(0).path("name").asText())
                .isEqualTo("go_goroutines");
    }

    @Test
    void federateGivesTheLatestSampleOfEachSeries() throws Exception {
        JsonNode got =
                run("--read", "federate", "--match", "{__name__=~\"http_.*|node_.*|go_.*\"}");

        Map<String, Sample> latest = new LinkedHashMap<>();
        for (Sample s : written) {
            latest.put(s.seriesId(), s); // written in time order: the last one stays
        }
        RulePreview oracle =
                new RulePreview(
                        rules(), new JobStateLayout(), RulePreview.DEFAULT_OUT_OF_ORDERNESS, 10);
        // federate answers series by series, sorted by name and labels
        latest.values().stream()
                .sorted(java.util.Comparator.comparing(Sample::seriesId))
                .forEach(
                        s -> {
                            SeriesRef ref = oracle.series(s.name(), s.labels().toMap());
                            oracle.sample(ref, s.timestampMs(), s.value(), false);
                        });
        JsonNode want = JSON.readTree(PreviewJson.render(oracle.finish(List.of(), 0, Map.of())));
        assertThat(comparable(got)).isEqualTo(comparable(want));
        assertThat(got.path("input").path("samples").asLong()).isEqualTo(latest.size());
        assertThat(got.path("rules").get(1).path("emitted_series").asLong()).isEqualTo(1);
    }
}
