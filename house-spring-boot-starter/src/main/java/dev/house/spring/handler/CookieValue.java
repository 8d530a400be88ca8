package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route method's {@code String} parameter to a request cookie; an absent cookie is
 * {@code null} (then the parameter must be {@code Optional} or {@code @Nullable}, else 400).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CookieValue {

    /** The cookie name; the Java parameter name when empty. */
    String value() default "";
}
