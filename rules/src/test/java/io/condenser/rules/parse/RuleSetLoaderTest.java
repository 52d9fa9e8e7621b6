package io.condenser.rules.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.rules.model.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetLoaderTest {

    @TempDir Path dir;

    @Test
    void loadsEveryYamlFileSortedByName() throws Exception {
        write("b.yaml", "b1", "b2");
        write("a.yml", "a1");
        write("c.yaml", "c1");
        Files.writeString(dir.resolve("notes.txt"), "not rules");
        Files.writeString(dir.resolve(".editor-swap.yaml"), "garbage: [");
        Files.createDirectory(dir.resolve("sub.yaml"));

        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(dir, 7);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ruleSet().version()).isEqualTo(7);
        assertThat(r.ruleSet().rules())
                .extracting(Rule::name)
                .containsExactly("a1", "b1", "b2", "c1");
        assertThat(r.files())
                .extracting(RuleFileParser.Result::file)
                .containsExactly(
                        dir.resolve("a.yml").toString(),
                        dir.resolve("b.yaml").toString(),
                        dir.resolve("c.yaml").toString());
    }

    @Test
    void duplicateNamesAcrossFilesPointAtTheFirst() throws Exception {
        write("a.yaml", "x", "y");
        write("b.yaml", "z", "x");
        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(dir, 1);
        assertThat(r.ruleSet()).isNull();
        assertThat(r.problems())
                .singleElement()
                .hasToString(
                        dir.resolve("b.yaml")
                                + ":3 rule \"x\": duplicate rule name, first defined at "
                                + dir.resolve("a.yaml")
                                + ":2");
    }

    @Test
    void oneBadFileRejectsTheWholeSetAndEveryProblemIsReported() throws Exception {
        write("a.yaml", "a");
        Files.writeString(dir.resolve("b.yaml"), "rules:\n  - {name: b, match: m, interval: 1s}\n");
        Files.writeString(dir.resolve("c.yaml"), "rulez: []\n");
        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(dir, 1);
        assertThat(r.ok()).isFalse();
        assertThat(r.ruleSet()).isNull();
        assertThat(r.problems())
                .map(RuleProblem::toString)
                .containsExactly(
                        dir.resolve("b.yaml") + ":2 rule \"b\": outputs is required",
                        dir.resolve("c.yaml")
                                + ":1: unknown top-level key \"rulez\" (a rule file has only"
                                + " \"rules:\")",
                        dir.resolve("c.yaml") + ":1: missing top-level \"rules:\" list");
    }

    @Test
    void emptyDirectoryIsAnEmptySet() {
        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(dir, 1);
        assertThat(r.ok()).isTrue();
        assertThat(r.ruleSet().size()).isZero();
    }

    @Test
    void missingDirectoryIsAProblem() {
        RuleSetLoader.Result r = RuleSetLoader.loadDirectory(dir.resolve("nope"), 1);
        assertThat(r.problems())
                .singleElement()
                .hasToString(dir.resolve("nope") + ": cannot list rule directory: no such file");
    }

    @Test
    void explicitFilesLoadInTheGivenOrder() throws Exception {
        write("a.yaml", "a");
        write("b.yaml", "b");
        RuleSetLoader.Result r =
                RuleSetLoader.loadFiles(List.of(dir.resolve("b.yaml"), dir.resolve("a.yaml")), 2);
        assertThat(r.ruleSet().rules()).extracting(Rule::name).containsExactly("b", "a");
    }

    @Test
    void textsLoadAsOneSetInNameOrderAndAllOrNothing() {
        java.util.SortedMap<String, String> texts = new java.util.TreeMap<>();
        texts.put("b.yaml", "rules:\n  - {name: b1, match: m, interval: 1m, outputs: [max]}\n");
        texts.put("a.yaml", "rules:\n  - {name: a1, match: m, interval: 1m, outputs: [max]}\n");
        RuleSetLoader.Result ok = RuleSetLoader.loadTexts(texts, 3);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.ruleSet().version()).isEqualTo(3);
        assertThat(ok.ruleSet().rules()).extracting(Rule::name).containsExactly("a1", "b1");

        texts.put("c.yaml", "rules:\n  - {name: a1, match: m, interval: 1m, outputs: [max]}\n");
        RuleSetLoader.Result dup = RuleSetLoader.loadTexts(texts, 4);
        assertThat(dup.ruleSet()).isNull();
        assertThat(dup.problems()).hasSize(1);
        assertThat(dup.problems().get(0).toString()).contains("c.yaml").contains("a1");
    }

    private void write(String file, String... ruleNames) throws Exception {
        StringBuilder sb = new StringBuilder("rules:\n");
        for (String n : ruleNames) {
            sb.append("  - {name: ")
                    .append(n)
                    .append(", match: m, interval: 1m, outputs: [max]}\n");
        }
        Files.writeString(dir.resolve(file), sb.toString());
    }
}
