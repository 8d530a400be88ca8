package dev.house.spring.handler;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a method of a {@link HouseHandler} bean to a stream route: the method returns a long-lived
 * {@link dev.house.core.http.Response#stream stream} response, typically an SSE subscription to
 * channels made with house-core's SSE helpers.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StreamRoute {

    /** The path template, e.g. {@code /rooms/{room}/events}. */
    String path();

    /** The HTTP method. */
    HttpMethod method() default HttpMethod.GET;

    /** Where the method runs: on a worker (it may block) or, for quick non-blocking code, the event loop. */
    Execution execution() default Execution.WORKER;

    /**
     * Whether this GET route has side effects (publishes, writes, counts) although GET is meant
     * to be safe: HEAD then answers 405 with {@code Allow} listing GET without HEAD, instead of
     * running the method. Only for GET routes; start-up fails on another method.
     */
    boolean unsafe() default false;
}
