package io.condenser.connectors.model;

import io.condenser.model.Sample;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Picked up through {@code @TypeInfo} on {@link Sample}: no call site has to name the type. */
public final class SampleTypeInfoFactory extends TypeInfoFactory<Sample> {
    @Override
    public TypeInformation<Sample> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return SampleTypeInfo.INSTANCE;
    }
}
