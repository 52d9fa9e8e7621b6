package io.condenser.connectors.direct.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.condenser.connectors.direct.Protocol;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ListenerSplitSerializerTest {

    private final ListenerSplitSerializer serializer = ListenerSplitSerializer.INSTANCE;

    /** Bytes written by version 1 for http#3: keep forever, they are in users' checkpoints. */
    private static final String V1_HTTP_3 = "00046874747000000003";

    @Test
    void roundTripsEveryProtocol() throws IOException {
        for (Protocol p : Protocol.values()) {
            ListenerSplit split = new ListenerSplit(p, 7);
            ListenerSplit back =
                    serializer.deserialize(serializer.getVersion(), serializer.serialize(split));
            assertThat(back).isEqualTo(split);
            assertThat(back.splitId()).isEqualTo(p.id() + "#7");
        }
    }

    @Test
    void readsVersion1Bytes() throws IOException {
        ListenerSplit split =
                serializer.deserialize(
                        ListenerSplitSerializer.VERSION_1, HexFormat.of().parseHex(V1_HTTP_3));
        assertThat(split).isEqualTo(new ListenerSplit(Protocol.HTTP, 3));
    }

    @Test
    void writesVersion1Bytes() throws IOException {
        assertThat(
                        HexFormat.of()
                                .formatHex(
                                        serializer.serialize(new ListenerSplit(Protocol.HTTP, 3))))
                .isEqualTo(V1_HTTP_3);
    }

    @Test
    void refusesUnknownVersionAndProtocol() {
        assertThatThrownBy(() -> serializer.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("version 99");
        byte[] bad = HexFormat.of().parseHex("0003667470" + "00000001");
        assertThatThrownBy(() -> serializer.deserialize(1, bad))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ftp");
    }
}
