package dev.house.spring.autoconfigure;

import java.util.function.Consumer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Hands one {@code house.*} property value to the code that checks it and, when it is refused,
 * fails start-up naming the property ("Invalid value ... for configuration property
 * 'house.limits.idle-timeout'"). For house's auto-configurations; public only so that those in
 * sub-packages (the Redis broker's) use it too.
 */
public final class PropertyValues {

    private PropertyValues() {
    }

    /** Applies one value, rethrowing the refusal ({@code IllegalArgumentException}, null) with the property's name. */
    public static <T> void apply(String property, T value, Consumer<T> setter) {
        try {
            setter.accept(value);
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new InvalidConfigurationPropertyValueException(property, value, reason(ex), ex);
        }
    }

    private static String reason(RuntimeException ex) {
        String message = ex.getMessage();
        return message != null ? message : "must be set";
    }
}
