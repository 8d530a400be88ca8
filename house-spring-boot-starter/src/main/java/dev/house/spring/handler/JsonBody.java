package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a route method's parameter to the whole JSON request body, read into its type with the
 * application's {@code JsonMapper}; Bean Validation constraints on that type are checked before
 * the method runs. A body that cannot be read answers 400 problem+json.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JsonBody {
}
