package io.condenser.jobs.rules.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class RuleFileEnumeratorTest {

    private static final RuleFileSplit SPLIT = new RuleFileSplit("/r", 3, "d");

    @Test
    void assignsTheOneSplitOnceAndAgainAfterItComesBack() throws Exception {
        try (MockSplitEnumeratorContext<RuleFileSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            RuleFileEnumerator e = new RuleFileEnumerator(ctx, SPLIT);
            e.start();
            ctx.registerReader(new ReaderInfo(1, "h"));
            e.addReader(1);
            ctx.registerReader(new ReaderInfo(0, "h"));
            e.addReader(0);
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(1);
            assertThat(ctx.getSplitsAssignmentSequence().get(0).assignment())
                    .containsOnlyKeys(1)
                    .containsEntry(1, List.of(SPLIT));
            assertThat(e.snapshotState(1).unassigned()).isNull();

            // reader 1 fails: the split comes back and goes to a registered reader
            ctx.unregisterReader(1);
            e.addSplitsBack(List.of(SPLIT), 1);
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(2);
            assertThat(ctx.getSplitsAssignmentSequence().get(1).assignment())
                    .containsEntry(0, List.of(SPLIT));
        }
    }

    @Test
    void checkpointsTheSplitWhileNoReaderHasIt() throws Exception {
        try (MockSplitEnumeratorContext<RuleFileSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            RuleFileEnumerator e = new RuleFileEnumerator(ctx, SPLIT);
            assertThat(e.snapshotState(1).unassigned()).isEqualTo(SPLIT);
        }
    }
}
