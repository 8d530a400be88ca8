package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that answers exceptions thrown by route methods: on a {@link HouseHandler} bean
 * it handles that bean's routes only; on a {@link HouseAdvice} bean, every route. The closest
 * declared exception type wins (local before global at equal distance). The method may take the
 * exception and the {@link dev.house.core.http.Request}, and returns a {@link ProblemDetail}, a
 * {@link Reply}, a ready {@link dev.house.core.http.Response}, or a body sent as JSON with the
 * status of its {@link ResponseStatus} (200 without one).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ExceptionHandler {
    /** The exception types handled; empty means the types of the method's exception parameter. */
    Class<? extends Throwable>[] value() default {};
}
