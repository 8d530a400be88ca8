package dev.house.core.handler.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A condition a converted parameter value must meet, such as a length range or a pattern. It
 * describes itself so a failure can tell the client exactly which bound was violated, without
 * echoing the value. Ready-made restrictions are in {@link Restrictions}.
 *
 * @param <T> the value types this restriction can check
 */
public interface Restriction<T> {

    /** A short machine-readable name of the kind of check: {@code length}, {@code range}, ... */
    String kind();

    /** The bounds reported to the client, e.g. {@code {min=1, max=16}}; may be empty. */
    Map<String, Object> bounds();

    /** What the value must satisfy, phrased to follow the parameter's name: "length must be between 1 and 16". */
    String message();

    /** Whether {@code value} (never {@code null}) satisfies this restriction. */
    boolean test(T value);

    /** A restriction from its parts; {@code bounds} is copied. */
    static <T> Restriction<T> of(String kind, String message, Map<String, Object> bounds,
                                 Predicate<? super T> test) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(test, "test");
        // Insertion order kept so problem bodies list bounds as declared (min before max).
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(bounds));
        return new Restriction<>() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public Map<String, Object> bounds() {
                return copy;
            }

            @Override
            public String message() {
                return message;
            }

            @Override
            public boolean test(T value) {
                return test.test(value);
            }

            @Override
            public String toString() {
                return kind + ": " + message;
            }
        };
    }
}
