package io.condenser.connectors.direct.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.split.ListenerSplit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class DirectSourceEnumeratorTest {

    private static final Set<Protocol> TCP_AND_HTTP =
            EnumSet.of(Protocol.TCP_LINE_PROTOCOL, Protocol.HTTP);

    @Test
    void everyReaderGetsOneSplitPerProtocol() throws Exception {
        try (MockSplitEnumeratorContext<ListenerSplit> ctx = new MockSplitEnumeratorContext<>(2)) {
            DirectSourceEnumerator e =
                    new DirectSourceEnumerator(ctx, TCP_AND_HTTP, DirectEnumeratorState.empty());
            register(ctx, e, 0);
            register(ctx, e, 1);
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(4);
            assertThat(ctx.getSplitsAssignmentSequence().get(0).assignment().get(0))
                    .containsExactly(new ListenerSplit(Protocol.TCP_LINE_PROTOCOL, 0));
            assertThat(e.snapshotState(1).assigned()).hasSize(4);
        }
    }

    @Test
    void doesNotAssignTwiceAndReassignsSplitsHandedBack() throws Exception {
        try (MockSplitEnumeratorContext<ListenerSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            DirectSourceEnumerator e =
                    new DirectSourceEnumerator(ctx, TCP_AND_HTTP, DirectEnumeratorState.empty());
            register(ctx, e, 0);
            e.handleSplitRequest(0, "localhost");
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(2);

            e.addSplitsBack(List.of(new ListenerSplit(Protocol.HTTP, 0)), 0);
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(3);
            assertThat(ctx.getSplitsAssignmentSequence().get(2).assignment().get(0))
                    .containsExactly(new ListenerSplit(Protocol.HTTP, 0));
        }
    }

    @Test
    void restoredStateIsNotAssignedAgain() throws Exception {
        try (MockSplitEnumeratorContext<ListenerSplit> ctx = new MockSplitEnumeratorContext<>(1)) {
            DirectEnumeratorState restored =
                    new DirectEnumeratorState(Set.of(new ListenerSplit(Protocol.HTTP, 0)));
            DirectSourceEnumerator e = new DirectSourceEnumerator(ctx, TCP_AND_HTTP, restored);
            register(ctx, e, 0);
            assertThat(ctx.getSplitsAssignmentSequence()).hasSize(1);
            assertThat(ctx.getSplitsAssignmentSequence().get(0).assignment().get(0))
                    .containsExactly(new ListenerSplit(Protocol.TCP_LINE_PROTOCOL, 0));
        }
    }

    private static void register(
            MockSplitEnumeratorContext<ListenerSplit> ctx, DirectSourceEnumerator e, int subtask) {
        ctx.registerReader(new ReaderInfo(subtask, "localhost"));
        e.addReader(subtask);
    }
}
