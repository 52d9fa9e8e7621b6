package io.condenser.connectors.lineprotocol;

import io.condenser.connectors.parse.ParseListener;
import io.condenser.connectors.parse.Rejection;
import io.condenser.model.ExpositionFormat;
import io.condenser.model.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One case of {@code lineprotocol/golden.txt} (the file documents its format), and the listener
 * that renders what a parser produced in the same form as the expected text.
 */
record GoldenCase(
        String reason, Precision precision, int maxLineBytes, byte[] input, List<String> expected) {

    static final long CLOCK_MS = 1111111111111L;

    @Override
    public String toString() {
        return reason;
    }

    LineProtocolParser parser() {
        return LineProtocolParser.builder()
                .precision(precision)
                .clock(() -> CLOCK_MS)
                .maxLineBytes(maxLineBytes)
                .build();
    }

    static List<GoldenCase> load(String resource) throws IOException {
        String text;
        try (InputStream in = GoldenCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<GoldenCase> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("### ")) {
            i++;
        }
        while (i < lines.length) {
            String reason = lines[i++].substring(4).trim();
            Precision precision = Precision.DEFAULT;
            int max = LineProtocolParser.DEFAULT_MAX_LINE_BYTES;
            boolean eol = true;
            if (i < lines.length && lines[i].startsWith("options:")) {
                for (String opt : lines[i++].substring(8).trim().split("\\s+")) {
                    if (opt.startsWith("precision=")) {
                        precision = Precision.fromQueryParam(opt.substring(10));
                    } else if (opt.startsWith("maxLineBytes=")) {
                        max = Integer.parseInt(opt.substring(13));
                    } else if (opt.equals("noeol")) {
                        eol = false;
                    } else {
                        throw new IOException("unknown option " + opt + " in case " + reason);
                    }
                }
            }
            List<String> input = new ArrayList<>();
            while (i < lines.length && !lines[i].equals("---")) {
                input.add(lines[i++]);
            }
            if (i == lines.length) {
                throw new IOException("case without ---: " + reason);
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("### ")) {
                if (!lines[i].isBlank()) {
                    expected.add(lines[i].trim());
                }
                i++;
            }
            String body = String.join("\n", input) + (eol && !input.isEmpty() ? "\n" : "");
            body =
                    body.replace("{CR}", "\r")
                            .replace("{TAB}", "\t")
                            .replace("{VT}", "\u000B")
                            .replace("{FF}", "\f");
            cases.add(
                    new GoldenCase(
                            reason,
                            precision,
                            max,
                            body.getBytes(StandardCharsets.UTF_8),
                            canonical(expected)));
        }
        return cases;
    }

    /** Samples sorted, then rejections in input order, then skipped totals sorted. */
    static List<String> canonical(List<String> lines) {
        List<String> samples = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String l : lines) {
            if (l.startsWith("! ")) {
                rejections.add(l);
            } else if (l.startsWith("~ ")) {
                skipped.add(l);
            } else {
                samples.add(l);
            }
        }
        samples.sort(null);
        skipped.sort(null);
        List<String> out = new ArrayList<>(samples);
        out.addAll(rejections);
        out.addAll(skipped);
        return out;
    }

    /** Collects parser output as expected-text lines. */
    static final class Recorder implements ParseListener {
        final List<String> lines = new ArrayList<>();
        final List<Rejection> rejections = new ArrayList<>();
        final Map<String, Long> skipped = new TreeMap<>();

        @Override
        public void onSample(Sample sample) {
            lines.add(ExpositionFormat.format(sample));
        }

        @Override
        public void onRejected(Rejection rejection) {
            rejections.add(rejection);
            lines.add("! line " + rejection.lineNumber() + ": " + rejection.reason());
        }

        @Override
        public void onSkipped(String reason, long count) {
            skipped.merge(reason, count, Long::sum);
        }

        List<String> result() {
            List<String> all = new ArrayList<>(lines);
            skipped.forEach((r, n) -> all.add("~ skipped " + r + " " + n));
            return canonical(all);
        }
    }
}
