package io.condenser.jobs.rules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RuleFileSerializersTest {

    private static final RuleFileSplit SPLIT = new RuleFileSplit("/r", 7, "ab");

    /** Bytes version 1 wrote: path UTF, version long, digest UTF. Never change this constant. */
    private static final String SPLIT_V1 = "00022f72" + "0000000000000007" + "00026162";

    @Test
    void splitRoundTrip() throws IOException {
        RuleFileSplitSerializer s = RuleFileSplitSerializer.INSTANCE;
        assertThat(s.deserialize(s.getVersion(), s.serialize(SPLIT))).isEqualTo(SPLIT);
    }

    @Test
    void splitReadsVersion1Bytes() throws IOException {
        assertThat(
                        RuleFileSplitSerializer.INSTANCE.deserialize(
                                1, HexFormat.of().parseHex(SPLIT_V1)))
                .isEqualTo(SPLIT);
    }

    @Test
    void splitRejectsUnknownVersion() {
        assertThatThrownBy(() -> RuleFileSplitSerializer.INSTANCE.deserialize(99, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("99");
    }

    @Test
    void enumeratorStateRoundTripAndVersion1Bytes() throws IOException {
        RuleFileEnumeratorStateSerializer s = new RuleFileEnumeratorStateSerializer();
        for (RuleFileEnumeratorState state :
                new RuleFileEnumeratorState[] {
                    new RuleFileEnumeratorState(null), new RuleFileEnumeratorState(SPLIT)
                }) {
            assertThat(s.deserialize(s.getVersion(), s.serialize(state))).isEqualTo(state);
        }
        byte[] v1WithSplit = HexFormat.of().parseHex("01" + "00000001" + "00000010" + SPLIT_V1);
        assertThat(s.deserialize(1, v1WithSplit)).isEqualTo(new RuleFileEnumeratorState(SPLIT));
        assertThat(s.deserialize(1, new byte[] {0})).isEqualTo(new RuleFileEnumeratorState(null));
        assertThatThrownBy(() -> s.deserialize(2, v1WithSplit)).isInstanceOf(IOException.class);
    }
}
