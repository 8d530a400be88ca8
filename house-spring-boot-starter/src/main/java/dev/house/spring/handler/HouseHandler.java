package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a bean whose methods answer HTTP requests on the house server: each method carrying
 * {@link ClosingRoute}, {@link JsonRoute}, {@link StreamRoute} or {@link RedirectRoute} becomes
 * a route. A stereotype: component scanning picks it up like {@code @Service}.
 *
 * <pre>{@code
 * @HouseHandler
 * class Rooms {
 *     @JsonRoute(method = HttpMethod.POST, path = "/rooms/{room}/messages")
 *     Message post(@Size(max = 16) String room, @NotBlank String text) {
 *         return chat.post(room, text);
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface HouseHandler {

    /** The bean name; derived from the class name when empty. */
    @AliasFor(annotation = Component.class)
    String value() default "";
}
