package dev.house.spring.handler;

import dev.house.core.handler.param.Source;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Refines how a route method's parameter is bound. Without it a parameter is bound by its Java
 * name (compile with {@code -parameters}) from the path, the body's fields or the query, and is
 * required unless it is an {@code Optional} or annotated {@code @Nullable}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface HttpParam {

    /** Marks "no default value"; an annotation attribute cannot be {@code null}. */
    String NO_DEFAULT = "\n\t\t\n\t\t\n\uE000\uE001\uE002\n\t\t\t\t\n";

    /** The parameter's name in the request; the Java parameter name when empty. */
    String name() default "";

    /** Where the value may come from; path, body fields and query when empty. */
    Source[] from() default {};

    /** The text used when the parameter is absent (converted like a sent value); makes it optional. */
    String defaultValue() default NO_DEFAULT;

    /** The name of a registered parameter type (a {@code ParamType} bean) to convert with, instead of the Java type's. */
    String type() default "";
}
