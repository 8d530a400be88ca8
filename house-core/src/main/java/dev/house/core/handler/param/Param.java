package dev.house.core.handler.param;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The declaration of one handler parameter: its name, the {@link Source}s it may come from, its
 * {@link ParamType}, whether it is required (the default) or has a default, and the
 * {@link Restriction}s its value must meet, checked in order after conversion. Immutable: each
 * method returns a new declaration, so one can be shared between routes.
 *
 * <pre>{@code
 * Param<String> room = Param.of("room", ParamTypes.STRING).restrict(Restrictions.lengthBetween(1, 16));
 * Param<Integer> page = Param.of("page", ParamTypes.INT).from(Source.QUERY).optional(1);
 * Param<Card> card = Param.of("card", Card.class);   // type looked up in the router's TypeRegistry
 * }</pre>
 *
 * @param <T> the converted value's type
 */
public final class Param<T> {
    private static final Set<Source> ALL_SOURCES = Collections.unmodifiableSet(EnumSet.allOf(Source.class));

    private final String name;
    private final ParamType<T> type;
    private final Class<T> typeClass;
    private final String typeName;
    private final Set<Source> sources;
    private final boolean required;
    private final T defaultValue;
    private final List<Restriction<? super T>> restrictions;

    private Param(String name, ParamType<T> type, Class<T> typeClass, String typeName, Set<Source> sources,
                  boolean required, T defaultValue, List<Restriction<? super T>> restrictions) {
        this.name = name;
        this.type = type;
        this.typeClass = typeClass;
        this.typeName = typeName;
        this.sources = sources;
        this.required = required;
        this.defaultValue = defaultValue;
        this.restrictions = restrictions;
    }

    /** A required parameter of {@code type}, taken from any source. */
    public static <T> Param<T> of(String name, ParamType<T> type) {
        return new Param<>(checkName(name), Objects.requireNonNull(type, "type"), null, null, ALL_SOURCES,
                true, null, List.of());
    }

    /**
     * A required parameter whose type is the one registered for {@code javaType} in the router's
     * {@link TypeRegistry}, found when the route is built (an enum needs no registration).
     */
    public static <T> Param<T> of(String name, Class<T> javaType) {
        return new Param<>(checkName(name), null, Objects.requireNonNull(javaType, "javaType"), null,
                ALL_SOURCES, true, null, List.of());
    }

    /** A required parameter whose type is the one registered under {@code typeName}, found when the route is built. */
    public static <T> Param<T> ofType(String name, String typeName) {
        return new Param<>(checkName(name), null, null, Objects.requireNonNull(typeName, "typeName"),
                ALL_SOURCES, true, null, List.of());
    }

    /** Restricts where the value may come from (by default: path, body and query). */
    public Param<T> from(Source first, Source... more) {
        Set<Source> set = EnumSet.of(first, more);
        return new Param<>(name, type, typeClass, typeName, Collections.unmodifiableSet(set), required,
                defaultValue, restrictions);
    }

    /** Makes the parameter optional: when absent, the handler sees {@code null}. */
    public Param<T> optional() {
        return new Param<>(name, type, typeClass, typeName, sources, false, null, restrictions);
    }

    /**
     * Makes the parameter optional with a default used when it is absent. The default is not
     * converted, but it must meet the restrictions (checked when the route is built).
     */
    public Param<T> optional(T defaultValue) {
        return new Param<>(name, type, typeClass, typeName, sources, false,
                Objects.requireNonNull(defaultValue, "defaultValue"), restrictions);
    }

    /** Adds restrictions, checked after those already declared; the first one violated is reported. */
    @SafeVarargs
    public final Param<T> restrict(Restriction<? super T>... more) {
        List<Restriction<? super T>> all = new ArrayList<>(restrictions);
        for (Restriction<? super T> r : more) {
            all.add(Objects.requireNonNull(r, "restriction"));
        }
        return new Param<>(name, type, typeClass, typeName, sources, required, defaultValue,
                Collections.unmodifiableList(all));
    }

    public String name() {
        return name;
    }

    /**
     * The parameter's type.
     *
     * @throws IllegalStateException when it was declared by class or name and not yet resolved
     */
    public ParamType<T> type() {
        if (type == null) {
            throw new IllegalStateException("the type of parameter '" + name + "' is not resolved yet");
        }
        return type;
    }

    public Set<Source> sources() {
        return sources;
    }

    public boolean isRequired() {
        return required;
    }

    /** The value used when an optional parameter is absent (may be {@code null}). */
    public T defaultValue() {
        return defaultValue;
    }

    public List<Restriction<? super T>> restrictions() {
        return restrictions;
    }

    /**
     * This parameter with its type looked up in {@code registry} if it was declared by class or
     * name; itself otherwise.
     *
     * @throws IllegalArgumentException when no such type is registered
     */
    @SuppressWarnings("unchecked")
    public Param<T> resolve(TypeRegistry registry) {
        if (type != null) {
            return this;
        }
        ParamType<T> found;
        if (typeClass != null) {
            found = registry.forClass(typeClass).orElseThrow(() -> new IllegalArgumentException(
                    "parameter '" + name + "': no parameter type is registered for " + typeClass.getName()));
        } else {
            found = (ParamType<T>) registry.forName(typeName).orElseThrow(() -> new IllegalArgumentException(
                    "parameter '" + name + "': no parameter type is registered as '" + typeName + "'"));
        }
        return new Param<>(name, found, null, null, sources, required, defaultValue, restrictions);
    }

    /** The first restriction {@code value} violates, or {@code null}. */
    Restriction<? super T> firstViolated(T value) {
        for (Restriction<? super T> r : restrictions) {
            if (!r.test(value)) {
                return r;
            }
        }
        return null;
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        return name;
    }

    @Override
    public String toString() {
        String t = type != null ? type.name() : typeClass != null ? typeClass.getSimpleName() : typeName;
        return name + ": " + t + (required ? "" : "?") + " from " + sources;
    }
}
