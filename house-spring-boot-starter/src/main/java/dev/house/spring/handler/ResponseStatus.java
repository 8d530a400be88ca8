package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The status an exception answers when no {@link ExceptionHandler} takes it (on the exception
 * class), or the status of an exception handler's body (on the method). Spring's own
 * {@code @ResponseStatus} is honoured the same way when spring-web is on the class path.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResponseStatus {
    /** The status code. */
    int value();

    /** The problem's {@code detail}; empty sends the status's reason phrase (never the exception's message). */
    String reason() default "";
}
