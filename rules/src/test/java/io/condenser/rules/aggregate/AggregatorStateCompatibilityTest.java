package io.condenser.rules.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Output;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads state bytes written by version 1 of every aggregator (pinned in {@code
 * aggregator-states-v1.txt}) and checks the result: a savepoint taken by this release stays
 * readable by later ones. When a state format changes, add VERSION_2 and keep this file as is.
 * Regenerate only for a new output: {@code -Dcondenser.regenerateStates=true}.
 */
class AggregatorStateCompatibilityTest {

    private static final Path FIXTURE =
            Path.of("src/test/resources/io/condenser/rules/aggregate/aggregator-states-v1.txt");

    static Aggregator fixtureState(Output output) {
        Aggregator a = AggregatorPropertyTest.newAggregator(output);
        long ts = 1_700_000_000_000L;
        double[] values = {3, 1.5, 7, 7, 2};
        for (int i = 0; i < values.length; i++) {
            boolean first = i == 0;
            a.add(
                    new AggregatorInput(
                            i % 2, ts + i * 15_000, values[i], first ? 0 : 15_000, first));
        }
        return a;
    }

    static String describe(Aggregator a) {
        List<String> parts = new ArrayList<>();
        for (ResultPoint p : a.result()) {
            parts.add(
                    p.nameSuffix()
                            + (p.labelName() == null
                                    ? ""
                                    : "{" + p.labelName() + "=" + p.labelValue() + "}")
                            + "="
                            + p.value());
        }
        return String.join(";", parts);
    }

    @Test
    void version1StatesStayReadable() throws IOException {
        if (Boolean.getBoolean("condenser.regenerateStates") || !Files.exists(FIXTURE)) {
            StringBuilder sb =
                    new StringBuilder("# output hex-state result (written by VERSION_1)\n");
            for (Output o : Output.values()) {
                Aggregator a = fixtureState(o);
                sb.append(o.yamlName())
                        .append(' ')
                        .append(HexFormat.of().formatHex(AggregatorStates.toBytes(a)))
                        .append(' ')
                        .append(describe(a))
                        .append('\n');
            }
            Files.createDirectories(FIXTURE.getParent());
            Files.writeString(FIXTURE, sb.toString(), StandardCharsets.UTF_8);
        }
        Map<Output, String> seen = new LinkedHashMap<>();
        for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split(" ", 3);
            Output output = Output.byYamlName(f[0]);
            Aggregator read = AggregatorStates.fromBytes(HexFormat.of().parseHex(f[1]));
            assertThat(read.output()).isEqualTo(output);
            assertThat(describe(read)).as(f[0]).isEqualTo(f[2]);
            seen.put(output, f[2]);
        }
        assertThat(seen.keySet())
                .as("every output has a pinned state")
                .containsExactlyInAnyOrder(Output.values());
    }
}
