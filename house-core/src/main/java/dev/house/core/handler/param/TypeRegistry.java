package dev.house.core.handler.param;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parameter types known by class and by name, so a handler can declare
 * {@code Param.of("card", Card.class)} (or the Spring starter can map a method parameter's class)
 * once the type has been {@link #register registered}. {@link #standard()} knows the built-ins;
 * a registry is mutable while routes are being declared and then read only.
 */
public final class TypeRegistry {
    private final Map<Class<?>, ParamType<?>> byClass = new LinkedHashMap<>();
    private final Map<String, ParamType<?>> byName = new LinkedHashMap<>();

    private TypeRegistry() {
    }

    /** A registry of the built-in types: String, int/Integer, long/Long, double/Double, boolean/Boolean, UUID, LocalDate, Instant, JsonNode and FilePart. */
    public static TypeRegistry standard() {
        TypeRegistry r = new TypeRegistry();
        r.register(ParamTypes.STRING);
        r.register(ParamTypes.INT);
        r.register(ParamTypes.LONG);
        r.register(ParamTypes.DOUBLE);
        r.register(ParamTypes.BOOLEAN);
        r.register(ParamTypes.UUID);
        r.register(ParamTypes.DATE);
        r.register(ParamTypes.INSTANT);
        r.register(ParamTypes.JSON);
        r.register(ParamTypes.FILE);
        r.byClass.put(int.class, ParamTypes.INT);
        r.byClass.put(long.class, ParamTypes.LONG);
        r.byClass.put(double.class, ParamTypes.DOUBLE);
        r.byClass.put(boolean.class, ParamTypes.BOOLEAN);
        return r;
    }

    /**
     * Registers {@code type} under its {@link ParamType#name() name} and its
     * {@link ParamType#javaType() class}, replacing an earlier type of the same name or class.
     */
    public TypeRegistry register(ParamType<?> type) {
        Objects.requireNonNull(type, "type");
        byName.put(type.name(), type);
        byClass.put(type.javaType(), type);
        return this;
    }

    /** The type registered for {@code javaType} (an enum without one is a {@link ParamTypes#keyword keyword}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> Optional<ParamType<T>> forClass(Class<T> javaType) {
        ParamType<?> type = byClass.get(javaType);
        if (type == null && javaType.isEnum()) {
            type = ParamTypes.keyword((Class) javaType);
        }
        return Optional.ofNullable((ParamType<T>) type);
    }

    /** The type registered under {@code name}. */
    public Optional<ParamType<?>> forName(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
