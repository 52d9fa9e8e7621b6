package io.condenser.jobs.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.jobs.rules.RuleSetUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.core.io.InputStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleFileReaderTest {

    @TempDir Path dir;

    private RuleFileReader reader(RuleFileSplit split) {
        RuleFileReader r = new RuleFileReader(dir.toString(), 60_000);
        r.addSplits(List.of(split));
        return r;
    }

    @Test
    void emitsAllRuleFilesSortedThenOnlyOnChange() throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "rules: []\n");
        Files.writeString(dir.resolve("a.yml"), "rules: []  # a\n");
        Files.writeString(dir.resolve("notes.txt"), "ignored");
        Files.writeString(dir.resolve(".hidden.yaml"), "ignored");
        Files.createDirectory(dir.resolve("sub.yaml"));
        RuleFileReader r = reader(new RuleFileSplit(dir.toString(), 0, ""));

        RuleSetUpdate first = r.poll();
        assertThat(first.version()).isEqualTo(1);
        assertThat(first.origin()).isEqualTo("file:" + dir);
        assertThat(first.files())
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(
                                Map.of("a.yml", "rules: []  # a\n", "b.yaml", "rules: []\n")));
        assertThat(r.poll()).as("unchanged").isNull();

        Files.writeString(dir.resolve("b.yaml"), "rules: [] # edited\n");
        assertThat(r.poll().version()).isEqualTo(2);
        Files.delete(dir.resolve("a.yml"));
        RuleSetUpdate third = r.poll();
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.files()).containsOnlyKeys("b.yaml");
        assertThat(r.poll()).isNull();
    }

    @Test
    void invalidTextsAreEmittedForThePipelineToReject() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "rules: [ {{{ not yaml");
        RuleSetUpdate u = reader(new RuleFileSplit(dir.toString(), 0, "")).poll();
        assertThat(u.files()).containsEntry("r.yaml", "rules: [ {{{ not yaml");
        assertThat(u.load().ok()).isFalse();
    }

    @Test
    void unreadablePathEmitsNothingAndIsRetried() throws Exception {
        Path missing = dir.resolve("missing");
        RuleFileReader r = new RuleFileReader(missing.toString(), 60_000);
        r.addSplits(List.of(new RuleFileSplit(missing.toString(), 5, "abc")));
        assertThat(r.poll()).isNull();
        Files.createDirectory(missing);
        Files.writeString(missing.resolve("x.yaml"), "rules: []\n");
        assertThat(r.poll().version()).as("continues after the restored version").isEqualTo(6);
    }

    @Test
    void aRestoredSplitKeepsItsVersionAndSendsTheRulesInForceOnceAgain() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "rules: []\n");
        RuleFileReader r = reader(new RuleFileSplit(dir.toString(), 0, ""));
        assertThat(r.poll().version()).isEqualTo(1);
        List<RuleFileSplit> state = r.snapshotState(1);
        assertThat(state).hasSize(1);
        r.close();

        // the stages take the same set as no change; seeing it lets the rule stream's hold go
        RuleFileReader restored = reader(state.get(0));
        RuleSetUpdate again = restored.poll();
        assertThat(again.version()).isEqualTo(2);
        assertThat(again.files()).containsEntry("r.yaml", "rules: []\n");
        assertThat(restored.poll()).isNull();
        Files.writeString(dir.resolve("r.yaml"), "rules: [] # 2\n");
        assertThat(restored.poll().version()).isEqualTo(3);
        restored.close();
    }

    @Test
    void singleFilePath() throws Exception {
        Path file = dir.resolve("only.yaml");
        Files.writeString(file, "rules: []\n");
        RuleFileReader r = new RuleFileReader(file.toString(), 60_000);
        r.addSplits(List.of(new RuleFileSplit(file.toString(), 0, "")));
        assertThat(r.poll().files()).containsOnlyKeys("only.yaml");
        r.close();
    }

    @Test
    void pollNextEmitsOncePerIntervalAndWaitsWithoutASplit() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), "rules: []\n");
        RuleFileReader r = new RuleFileReader(dir.toString(), 60_000);
        Collecting out = new Collecting();
        assertThat(r.pollNext(out)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(r.isAvailable()).isNotDone();
        r.addSplits(List.of(new RuleFileSplit(dir.toString(), 0, "")));
        assertThat(r.isAvailable()).succeedsWithin(java.time.Duration.ofSeconds(5));
        r.pollNext(out);
        Files.writeString(dir.resolve("r.yaml"), "rules: [] # changed\n");
        r.pollNext(out); // within the interval: not read again
        assertThat(out.updates).hasSize(1);
        r.close();
    }

    private static final class Collecting implements ReaderOutput<RuleSetUpdate> {
        final List<RuleSetUpdate> updates = new ArrayList<>();

        @Override
        public void collect(RuleSetUpdate record) {
            updates.add(record);
        }

        @Override
        public void collect(RuleSetUpdate record, long timestamp) {
            updates.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RuleSetUpdate> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
