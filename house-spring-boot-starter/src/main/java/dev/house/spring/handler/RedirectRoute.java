package dev.house.spring.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a method of a {@link HouseHandler} bean to a redirect route answering every HTTP method:
 * the method returns the location (an absolute URI or a relative reference) sent with
 * {@link #status()}. Being quick and non-blocking by nature, it runs on the event loop.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RedirectRoute {

    /** The path template that redirects, e.g. {@code /r/{room}}. */
    String path();

    /** The redirect status: 301, 302, 303, 307 or 308. */
    int status() default 302;
}
