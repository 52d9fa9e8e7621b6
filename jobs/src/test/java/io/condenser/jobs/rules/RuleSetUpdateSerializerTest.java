package io.condenser.jobs.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RuleSetUpdateSerializerTest extends SerializerTestBase<RuleSetUpdate> {

    @Override
    protected TypeSerializer<RuleSetUpdate> createSerializer() {
        return RuleSetUpdateSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RuleSetUpdate> getTypeClass() {
        return RuleSetUpdate.class;
    }

    @Override
    protected RuleSetUpdate[] getTestData() {
        TreeMap<String, String> two = new TreeMap<>();
        two.put("a.yaml", "rules: []\n");
        two.put("b.yaml", "rules:\n  - name: x\n");
        return new RuleSetUpdate[] {
            new RuleSetUpdate(0, "", new TreeMap<>()),
            new RuleSetUpdate(7, "file:/etc/condenser/rules", two),
            new RuleSetUpdate(Long.MAX_VALUE, "kafka:condenser-rules/0@42", two),
        };
    }

    @Test
    void typeInformationIsOurs() {
        assertThat(TypeInformation.of(RuleSetUpdate.class))
                .isSameAs(RuleSetUpdateTypeInfoFactory.TYPE_INFO);
    }

    @Test
    void readsLayoutVersion1Bytes() throws IOException {
        // Pinned bytes of layout version 1: a future layout must still read them.
        byte[] v1 = {
            1, // layout version
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            5, // version
            2,
            'o', // origin "o"
            0,
            0,
            0,
            1, // one file
            2,
            'f', // name "f"
            2,
            't' // text "t"
        };
        RuleSetUpdate u =
                RuleSetUpdateSerializer.INSTANCE.deserialize(new DataInputDeserializer(v1));
        assertThat(u.version()).isEqualTo(5);
        assertThat(u.origin()).isEqualTo("o");
        assertThat(u.files()).containsExactly(java.util.Map.entry("f", "t"));

        DataOutputSerializer out = new DataOutputSerializer(32);
        RuleSetUpdateSerializer.INSTANCE.serialize(u, out);
        byte[] current = out.getCopyOfBuffer();
        assertThat(current[0]).isEqualTo((byte) RuleSetUpdateSerializer.CURRENT_VERSION);
        assertThat(RuleSetUpdateSerializer.INSTANCE.deserialize(new DataInputDeserializer(current)))
                .isEqualTo(u);
        assertThat(u.effectiveFromMs()).isEqualTo(RuleSetUpdate.AT_ONCE);
    }

    @Test
    void readsLayoutVersion2BytesAsTakingEffectAtOnce() throws IOException {
        // layout 2 (release 0.2): no effective time, the text DEFLATE-compressed
        byte[] text = "rules: []".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(text);
        deflater.finish();
        byte[] buf = new byte[256];
        int packed = deflater.deflate(buf);
        deflater.end();
        DataOutputSerializer v2 = new DataOutputSerializer(64);
        v2.writeByte(RuleSetUpdateSerializer.VERSION_2);
        v2.writeLong(7);
        org.apache.flink.types.StringValue.writeString("o", v2);
        v2.writeInt(1);
        org.apache.flink.types.StringValue.writeString("f", v2);
        v2.writeInt(text.length);
        v2.writeInt(packed);
        v2.write(buf, 0, packed);
        RuleSetUpdate u =
                RuleSetUpdateSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(v2.getCopyOfBuffer()));
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.files()).containsExactly(java.util.Map.entry("f", "rules: []"));
        assertThat(u.effectiveFromMs()).isEqualTo(RuleSetUpdate.AT_ONCE);
    }

    @Test
    void theEffectiveTimeRoundTrips() throws IOException {
        RuleSetUpdate u =
                new RuleSetUpdate(
                        3,
                        "o",
                        new TreeMap<>(java.util.Map.of("f", "rules: []")),
                        1_700_000_000_123L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        RuleSetUpdateSerializer.INSTANCE.serialize(u, out);
        assertThat(
                        RuleSetUpdateSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(u);
    }

    @Test
    void largeRuleSetsAreStoredCompressed() throws IOException {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < 5000; i++) {
            yaml.append("  - name: app-")
                    .append(i)
                    .append("\n    match: 'app")
                    .append(i)
                    .append("_requests_total{service=\"svc-")
                    .append(i)
                    .append("\", env=\"prod\"}'\n    interval: 10s\n    by: [service]\n")
                    .append("    outputs: [rate_sum]\n");
        }
        RuleSetUpdate u =
                new RuleSetUpdate(
                        1, "test", new TreeMap<>(java.util.Map.of("r.yaml", yaml.toString())));
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        RuleSetUpdateSerializer.INSTANCE.serialize(u, out);
        assertThat(out.length()).isLessThan(yaml.length() / 4);
        assertThat(
                        RuleSetUpdateSerializer.INSTANCE.deserialize(
                                new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(u);
    }

    @Test
    void corruptCompressedTextIsAnIoException() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        RuleSetUpdateSerializer.INSTANCE.serialize(
                new RuleSetUpdate(1, "o", new TreeMap<>(java.util.Map.of("f", "rules: []"))), out);
        byte[] bytes = out.getCopyOfBuffer();
        bytes[bytes.length - 2] ^= 0x55;
        assertThatThrownBy(
                        () ->
                                RuleSetUpdateSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(bytes)))
                .isInstanceOf(IOException.class);
    }

    @Test
    void unknownLayoutIsAnIoException() {
        assertThatThrownBy(
                        () ->
                                RuleSetUpdateSerializer.INSTANCE.deserialize(
                                        new DataInputDeserializer(new byte[] {9})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("9");
    }
}
