package io.condenser.connectors.model;

import io.condenser.model.Sample;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Records which {@link Sample} layout a checkpoint was written with. Restoring state written with
 * an older layout is a migration: Flink reads it with {@link #restoreSerializer()} and rewrites it
 * with the current serializer.
 */
public final class SampleSerializerSnapshot implements TypeSerializerSnapshot<Sample> {

    private int layoutVersion;

    /** For Flink's reflective instantiation on restore. */
    public SampleSerializerSnapshot() {
        this(SampleSerializer.CURRENT_VERSION);
    }

    SampleSerializerSnapshot(int layoutVersion) {
        this.layoutVersion = layoutVersion;
    }

    @Override
    public int getCurrentVersion() {
        // The snapshot's own format; the Sample layout version is its payload.
        return 1;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(layoutVersion);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader userCodeClassLoader)
            throws IOException {
        if (readVersion != 1) {
            throw new IOException("unknown SampleSerializerSnapshot version " + readVersion);
        }
        int v = in.readInt();
        if (v < SampleSerializer.VERSION_1 || v > SampleSerializer.CURRENT_VERSION) {
            throw new IOException(
                    "state holds Sample layout version "
                            + v
                            + ", this release reads up to "
                            + SampleSerializer.CURRENT_VERSION);
        }
        layoutVersion = v;
    }

    @Override
    public TypeSerializer<Sample> restoreSerializer() {
        return layoutVersion == SampleSerializer.CURRENT_VERSION
                ? SampleSerializer.INSTANCE
                : new SampleSerializer(layoutVersion);
    }

    @Override
    public TypeSerializerSchemaCompatibility<Sample> resolveSchemaCompatibility(
            TypeSerializerSnapshot<Sample> oldSnapshot) {
        if (!(oldSnapshot instanceof SampleSerializerSnapshot)) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        int old = ((SampleSerializerSnapshot) oldSnapshot).layoutVersion;
        if (old == layoutVersion) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return old < layoutVersion
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
