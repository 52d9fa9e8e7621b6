package io.condenser.jobs.rules;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Makes Flink use {@link RuleSetUpdateSerializer} for {@link RuleSetUpdate} (no Kryo). */
public final class RuleSetUpdateTypeInfoFactory extends TypeInfoFactory<RuleSetUpdate> {

    /** The type information, for state descriptors and {@code returns(...)}. */
    public static final TypeInformation<RuleSetUpdate> TYPE_INFO =
            new org.apache.flink.api.common.typeinfo.TypeInformation<>() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isBasicType() {
                    return false;
                }

                @Override
                public boolean isTupleType() {
                    return false;
                }

                @Override
                public int getArity() {
                    return 1;
                }

                @Override
                public int getTotalFields() {
                    return 1;
                }

                @Override
                public Class<RuleSetUpdate> getTypeClass() {
                    return RuleSetUpdate.class;
                }

                @Override
                public boolean isKeyType() {
                    return false;
                }

                @Override
                public TypeSerializer<RuleSetUpdate> createSerializer(
                        org.apache.flink.api.common.serialization.SerializerConfig config) {
                    return RuleSetUpdateSerializer.INSTANCE;
                }

                @Override
                public String toString() {
                    return "RuleSetUpdate";
                }

                @Override
                public boolean equals(Object obj) {
                    return obj != null && obj.getClass() == getClass();
                }

                @Override
                public int hashCode() {
                    return RuleSetUpdate.class.hashCode();
                }

                @Override
                public boolean canEqual(Object obj) {
                    return obj != null && obj.getClass() == getClass();
                }
            };

    @Override
    public TypeInformation<RuleSetUpdate> createTypeInfo(
            Type t, Map<String, TypeInformation<?>> genericParameters) {
        return TYPE_INFO;
    }
}
