package io.condenser.connectors.direct.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.Protocol;
import io.condenser.connectors.direct.split.ListenerSplit;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectEnumeratorStateSerializerTest {

    private final DirectEnumeratorStateSerializer serializer =
            new DirectEnumeratorStateSerializer();

    /** Version 1 bytes of {http#0, tcp-graphite#1}: keep forever. */
    private static final String V1 =
            "00000001" // split serializer version
                    + "00000002" // two splits
                    + "0000000a"
                    + "00046874747000000000"
                    + "00000012"
                    + "000c7463702d677261706869746500000001";

    @Test
    void roundTrips() throws IOException {
        DirectEnumeratorState state =
                new DirectEnumeratorState(
                        Set.of(
                                new ListenerSplit(Protocol.HTTP, 0),
                                new ListenerSplit(Protocol.TCP_LINE_PROTOCOL, 1)));
        assertThat(serializer.deserialize(1, serializer.serialize(state))).isEqualTo(state);
        assertThat(serializer.deserialize(1, serializer.serialize(DirectEnumeratorState.empty())))
                .isEqualTo(DirectEnumeratorState.empty());
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        DirectEnumeratorState state = serializer.deserialize(1, HexFormat.of().parseHex(V1));
        assertThat(state.assigned())
                .containsExactly(
                        new ListenerSplit(Protocol.HTTP, 0),
                        new ListenerSplit(Protocol.TCP_GRAPHITE, 1));
    }

    @Test
    void refusesUnknownVersion() {
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[8]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 2");
    }
}
