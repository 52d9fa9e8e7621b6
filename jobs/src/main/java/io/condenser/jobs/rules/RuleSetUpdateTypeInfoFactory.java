package io.condenser.jobs.rules;

import io.condenser.connectors.util.SerializerTypeInfo;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Makes Flink use {@link RuleSetUpdateSerializer} for {@link RuleSetUpdate} (no Kryo). */
public final class RuleSetUpdateTypeInfoFactory extends TypeInfoFactory<RuleSetUpdate> {

    /** The type information, for state descriptors and {@code returns(...)}. */
    public static final TypeInformation<RuleSetUpdate> TYPE_INFO =
            new SerializerTypeInfo<>(RuleSetUpdate.class, RuleSetUpdateSerializer.INSTANCE);

    @Override
    public TypeInformation<RuleSetUpdate> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE_INFO;
    }
}
