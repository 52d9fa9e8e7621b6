package io.condenser.connectors.model;

import io.condenser.connectors.util.SerializerTypeInfo;
import io.condenser.model.Sample;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink to use {@link SampleSerializer} wherever a {@link Sample} flows or is stored. */
public final class SampleTypeInfo {

    public static final TypeInformation<Sample> INSTANCE =
            new SerializerTypeInfo<>(Sample.class, SampleSerializer.INSTANCE);

    private SampleTypeInfo() {}
}
