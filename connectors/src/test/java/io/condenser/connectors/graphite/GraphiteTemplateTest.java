package io.condenser.connectors.graphite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphiteTemplateTest {

    /** template | path | expected "name labels" */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "host.measurement.field*            | h.cpu.load.short | cpu_load_short {host=h}",
                "measurement*                       | a.b.c            | a_b_c {}",
                "measurement.field                  | a                | a {}",
                ".measurement                       | x.y              | y {}",
                "host.measurement region=eu         | h.cpu            | cpu {host=h, region=eu}",
                "host.measurement host=dflt         | h.cpu            | cpu {host=h}",
                "dc.host.measurement                | eu.h.cpu         | cpu {dc=eu, host=h}",
                "host.host.measurement              | a.b.cpu          | cpu {host=a.b}",
                "field*.host                        | a.b.c            | a.b.c_a_b_c {host=b}",
                "cpu.* measurement.field            | cpu.idle         | cpu_idle {}",
            })
    void apply(String spec, String path, String expected) {
        GraphiteTemplate t = GraphiteTemplate.parse(spec);
        Map<String, String> labels = new TreeMap<>();
        String name = t.apply(path, path.split("\\.", -1), labels);
        assertThat(name + " " + labels).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''                                 | must not be empty",
                "a b c d                            | got 4 words",
                "measurement*.field*                | not both",
                "host.measurement region,x=1       | is not name=value",
                "host.measurement =eu               | is not name=value",
                "host.measurement region=           | is not name=value",
                "1.measurement                      | not usable as a label name",
                "__name__.measurement               | not usable as a label name",
                "measurement __name__=x             | not usable as a label name",
            })
    void rejectsBadTemplates(String spec, String message) {
        assertThatThrownBy(() -> GraphiteTemplate.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "cpu, cpu, true",
        "cpu, cpus, false",
        "*, anything, true",
        "*, '', true",
        "cpu*, cpu-0, true",
        "*-0, cpu-0, true",
        "*-0, cpu-1, false",
        "c?u, cpu, true",
        "c?u, cu, false",
        "a*b*c, axxbyyc, true",
        "a*b*c, axxbyy, false",
        "**, x, true",
    })
    void glob(String pattern, String text, boolean expected) {
        assertThat(GraphiteTemplate.glob(pattern, 0, text, 0)).isEqualTo(expected);
    }

    @Test
    void filterMatchesLeadingParts() {
        GraphiteTemplate t = GraphiteTemplate.parse("servers.*.cpu measurement");
        assertThat(t.matches(new String[] {"servers", "a", "cpu", "idle"})).isTrue();
        assertThat(t.matches(new String[] {"servers", "a", "cpu"})).isTrue();
        assertThat(t.matches(new String[] {"servers", "a"})).isFalse();
        assertThat(t.matches(new String[] {"servers", "a", "mem"})).isFalse();
        assertThat(t.isDefault()).isFalse();
        assertThat(GraphiteTemplate.parse("measurement").isDefault()).isTrue();
        assertThat(GraphiteTemplate.parse("measurement a=b").isDefault()).isTrue();
    }

    @Test
    void mostSpecificFilterWinsThenDefault() {
        GraphiteTemplates ts =
                GraphiteTemplates.of(
                        List.of("a.* first", "a.b.* second", "*.b.c.d third", "fallback"));
        assertThat(ts.select(new String[] {"a", "b", "c"}).spec()).isEqualTo("a.b.* second");
        assertThat(ts.select(new String[] {"a", "x", "c"}).spec()).isEqualTo("a.* first");
        assertThat(ts.select(new String[] {"z", "b", "c", "d"}).spec()).isEqualTo("*.b.c.d third");
        assertThat(ts.select(new String[] {"a", "b", "c", "d"}).spec()).isEqualTo("a.b.* second");
        assertThat(ts.select(new String[] {"x", "y"}).spec()).isEqualTo("fallback");
        assertThat(GraphiteTemplates.of(List.of("a.* first")).select(new String[] {"x"})).isNull();
        assertThat(GraphiteTemplates.NONE.isEmpty()).isTrue();
    }

    @Test
    void onlyOneDefaultTemplate() {
        assertThatThrownBy(() -> GraphiteTemplates.of(List.of("measurement", "host.measurement")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only one template may lack a filter");
    }
}
