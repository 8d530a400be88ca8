package dev.house.spring.handler;

import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a route method's arguments before it runs; {@link ConstraintViolationReport} does it
 * with Jakarta Bean Validation when a validator is available.
 */
@FunctionalInterface
public interface ArgumentCheck {

    /**
     * The violations, empty when the arguments are valid.
     *
     * @param names each parameter's name in the request
     * @param jsonBodies which parameters hold a whole JSON body
     */
    List<ArgumentViolation> check(Object bean, Method method, @Nullable Object[] args, String[] names,
                                  boolean[] jsonBodies);
}
