package io.condenser.connectors.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.condenser.connectors.bench.TelegrafCorpus;
import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.connectors.testing.ExternalServer;
import io.condenser.connectors.testing.VictoriaMetricsServer;
import io.condenser.model.Sample;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity with a real peer: the same line protocol goes to Debian's VictoriaMetrics ({@code /write})
 * and through {@link LineProtocolParser}; the series VictoriaMetrics stored ({@code
 * /api/v1/export}) must equal Condenser's samples, by name, labels, timestamp and value.
 *
 * <p>Each tricky line gets its own timestamp, so its samples can be told apart on both sides. The
 * differences by design are listed in {@link #CASES} with the reason; the test asserts that those
 * really differ (so the list cannot go stale) and that every other case is equal. docs/formats.md
 * repeats the list. Values are compared at 11 significant digits: VictoriaMetrics stores floats as
 * decimals and gives back about 12 (97.39478957915831 comes back as 97.3947895791).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LineProtocolVictoriaMetricsParityITCase {

    private static final long TRICKY_BASE_SECONDS = 1_700_100_000L;

    /** A line without timestamp, and why VictoriaMetrics differs (null when it must not). */
    record Case(String line, String difference) {}

    static Case same(String line) {
        return new Case(line, null);
    }

    static Case differs(String line, String why) {
        return new Case(line, why);
    }

    static final List<Case> CASES =
            List.of(
                    same("p01,host=a value=1.5"),
                    same("p02,host=a,cpu=cpu0 usage_user=1.5,usage_idle=98.5"),
                    same("p03 a=42i,b=-7i,c=0i"),
                    same("p04 u=18446744073709551615u,i=9223372036854775807i"),
                    same("p05 t=true,f=F,T=True,x=FALSE"),
                    same("p06 e=1e3,n=-1.5E-3,z=-0.0,x=1.5e+2"),
                    same("p07 v=97.39478957915831"),
                    same("p08,t=a\\ b\\,c\\=d v=1"),
                    same("p09,path=C:\\Windows v=1"),
                    same("p10,t=a\"b v=1"),
                    same("p11,__name__=x v=1"),
                    same("p12,host=héllo v=1"),
                    same("p13:x v=1"),
                    same("p14 v=NaN"),
                    same("p15 v=1.5i"),
                    same("p16,t v=1"),
                    same("p17 v=1,w=\"text\"x"),
                    same("p18,z=1,a=2 v=1"),
                    differs(
                            "prometheus,job=p20 http_requests_total=5",
                            "measurement 'prometheus': Condenser follows Telegraf's Prometheus"
                                    + " serializers (field name alone), VictoriaMetrics prefixes it"),
                    differs(
                            "p21 s=\"text\",v=1",
                            "string field: Condenser skips it (as Telegraf's Prometheus"
                                    + " serializers do), VictoriaMetrics stores 0"),
                    differs(
                            "p22\\ cpu v=1",
                            "metric name with a space: Condenser sanitises names like Telegraf"
                                    + " (p22_cpu_v), VictoriaMetrics keeps them as sent"),
                    differs(
                            "p23_température v=1",
                            "non-ASCII in the name: sanitised to _ by Condenser, kept by"
                                    + " VictoriaMetrics"),
                    differs(
                            "p24 a-b=1",
                            "field key with a dash: sanitised to p24_a_b by Condenser, kept by"
                                    + " VictoriaMetrics"),
                    differs(
                            "p25 my\\ field=1",
                            "field key with a space: sanitised by Condenser, kept by"
                                    + " VictoriaMetrics"),
                    differs(
                            "p26,host-name=a v=1",
                            "tag key with a dash: Condenser sanitises label names (host_name),"
                                    + " VictoriaMetrics keeps them"),
                    differs(
                            "p27,my\\ tag=a v=1",
                            "tag key with a space: sanitised by Condenser, kept by"
                                    + " VictoriaMetrics"),
                    differs(
                            "p28,t=a\\\\b v=1",
                            "double backslash in a tag: Condenser keeps both backslashes"
                                    + " (Telegraf never escapes a backslash in tags),"
                                    + " VictoriaMetrics unescapes it to one"),
                    differs(
                            "p29,t= v=1",
                            "empty tag value: Condenser rejects the line (bad_tag) as Telegraf"
                                    + " and InfluxDB do, VictoriaMetrics drops the tag"),
                    differs(
                            "p30,a=b=c v=1",
                            "unescaped '=' in a tag value: Condenser rejects (bad_tag),"
                                    + " VictoriaMetrics keeps 'b=c'"),
                    differs(
                            "p31 v=01i",
                            "integer with a leading zero: Condenser rejects (Telegraf's"
                                    + " grammar), VictoriaMetrics reads 1"),
                    differs(
                            "p32 v=1,v=2",
                            "duplicate field key: Condenser keeps the last (Telegraf's"
                                    + " metric model), VictoriaMetrics stores both values"),
                    differs(
                            "p33 s=\"multi\nline\",v=1",
                            "raw newline inside a string field: Condenser keeps the line"
                                    + " together (quote-aware framing, like Telegraf),"
                                    + " VictoriaMetrics splits it and rejects both halves"),
                    differs(
                            "p19 v=1e400",
                            "float beyond float64: Condenser rejects (bad_field_value) as Go's"
                                    + " ParseFloat in Telegraf and InfluxDB does,"
                                    + " VictoriaMetrics stores +Inf"),
                    differs(
                            "p35 d=.5,t=1.",
                            "float with a leading or trailing dot: the grammar allows .5 and 1.;"
                                    + " VictoriaMetrics 1.79 reads both as 0"),
                    differs(
                            "1p34 v=1",
                            "name starting with a digit: Condenser drops the digit (p34_v),"
                                    + " VictoriaMetrics keeps it"));

    @TempDir Path tmp;

    @Test
    void condenserAndVictoriaMetricsAgreeExceptWhereListed() throws Exception {
        assumeTrue(ExternalServer.onPath("victoria-metrics"), "victoria-metrics not installed");
        StringBuilder body = new StringBuilder(TelegrafCorpus.lines(3, 3, 99));
        for (int i = 0; i < CASES.size(); i++) {
            body.append(CASES.get(i).line()).append(' ').append(tsNanos(i)).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);

        Map<Long, Points> ours = condenser(bytes);
        Map<Long, Points> theirs;
        try (VictoriaMetricsServer vm = new VictoriaMetricsServer(tmp.resolve("vm"))) {
            vm.start();
            HttpResponse<String> r = vm.post("/write", "text/plain", bytes);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
            theirs = victoriaMetrics(vm.export("{__name__=~\".+\"}"));
        }

        // The Telegraf corpus: every timestamp below the tricky ones must match.
        long trickyMs = TRICKY_BASE_SECONDS * 1000;
        Map<Long, Points> oursCorpus = new TreeMap<>(ours);
        Map<Long, Points> theirsCorpus = new TreeMap<>(theirs);
        oursCorpus.keySet().removeIf(ts -> ts >= trickyMs);
        theirsCorpus.keySet().removeIf(ts -> ts >= trickyMs);
        // 3 rounds x 3 hosts x 91 samples (cpu 3x10, mem 15, net 2x8, disk 2x7, diskio 11,
        // system 5).
        assertThat(oursCorpus).hasSize(3);
        assertThat(oursCorpus.values().stream().mapToInt(Points::size).sum()).isEqualTo(3 * 3 * 91);
        assertThat(theirsCorpus.keySet()).isEqualTo(oursCorpus.keySet());
        oursCorpus.forEach(
                (ts, p) ->
                        assertThat(p.sameAs(theirsCorpus.get(ts)))
                                .as("corpus at %d:%n%s%n%s", ts, p, theirsCorpus.get(ts))
                                .isTrue());

        List<String> report = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            long ms = tsNanos(i) / 1_000_000;
            Points o = ours.getOrDefault(ms, new Points());
            Points t = theirs.getOrDefault(ms, new Points());
            report.add(
                    c.line().replace("\n", "\\n") + "\n  condenser: " + o + "\n  victoria:  " + t);
            if (c.difference() == null) {
                assertThat(o.sameAs(t))
                        .as("same result expected for %s: %s vs %s", c.line(), o, t)
                        .isTrue();
            } else {
                assertThat(o)
                        .as("listed difference (%s) for %s", c.difference(), c.line())
                        .isNotEqualTo(t);
            }
        }
        System.out.println(String.join("\n", report));
    }

    private static long tsNanos(int i) {
        return (TRICKY_BASE_SECONDS + i) * 1_000_000_000L;
    }

    /** Samples by timestamp, as "name{labels} value". */
    private static Map<Long, Points> condenser(byte[] body) {
        Map<Long, Points> out = new TreeMap<>();
        LineProtocolParser.create(Precision.NANOSECONDS, () -> 0L)
                .parse(
                        body,
                        new ParseListener() {
                            @Override
                            public void onSample(Sample s) {
                                Map<String, String> labels = new TreeMap<>(s.labels().toMap());
                                out.computeIfAbsent(s.timestampMs(), k -> new Points())
                                        .add(s.name() + labels, s.value());
                            }

                            @Override
                            public void onRejected(Rejection r) {}
                        });
        return out;
    }

    private static Map<Long, Points> victoriaMetrics(String export) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, Points> out = new TreeMap<>();
        for (String line : export.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // VictoriaMetrics writes +Inf, -Inf and NaN as bare tokens, which JSON lacks.
            JsonNode n =
                    json.readTree(line.replaceAll("(?<=[\\[,])([+-]Inf|NaN)(?=[,\\]])", "\"$1\""));
            Map<String, String> labels = new TreeMap<>();
            String name = null;
            for (Iterator<Map.Entry<String, JsonNode>> it = n.get("metric").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals("__name__")) {
                    name = e.getValue().asText();
                } else {
                    labels.put(e.getKey(), e.getValue().asText());
                }
            }
            JsonNode values = n.get("values");
            JsonNode timestamps = n.get("timestamps");
            for (int i = 0; i < values.size(); i++) {
                out.computeIfAbsent(timestamps.get(i).asLong(), k -> new Points())
                        .add(name + labels, vmValue(values.get(i)));
            }
        }
        return out;
    }

    private static double vmValue(JsonNode v) {
        if (!v.isTextual()) {
            return v.asDouble();
        }
        switch (v.asText()) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.NaN;
        }
    }

    /**
     * Series (name and sorted labels) to their values at one timestamp. Values compare with a
     * relative tolerance of 1e-10: VictoriaMetrics keeps about 12 significant digits.
     */
    static final class Points {
        private final TreeMap<String, List<Double>> values = new TreeMap<>();

        void add(String series, double v) {
            values.computeIfAbsent(series, k -> new ArrayList<>()).add(v);
            values.get(series).sort(null);
        }

        int size() {
            return values.values().stream().mapToInt(List::size).sum();
        }

        boolean sameAs(Points other) {
            if (other == null || !values.keySet().equals(other.values.keySet())) {
                return false;
            }
            for (Map.Entry<String, List<Double>> e : values.entrySet()) {
                List<Double> a = e.getValue();
                List<Double> b = other.values.get(e.getKey());
                if (a.size() != b.size()) {
                    return false;
                }
                for (int i = 0; i < a.size(); i++) {
                    double x = a.get(i);
                    double y = b.get(i);
                    boolean close =
                            x == y // -0 equals 0: VictoriaMetrics has no negative zero
                                    || (Double.isNaN(x) && Double.isNaN(y))
                                    || Math.abs(x - y)
                                            <= 1e-10 * Math.max(Math.abs(x), Math.abs(y));
                    if (!close) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return values.toString();
        }
    }
}
