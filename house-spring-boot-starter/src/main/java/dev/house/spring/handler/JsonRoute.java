package dev.house.spring.handler;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps a method of a {@link HouseHandler} bean to a JSON route: what the method returns is
 * written as {@code application/json} with the application's Jackson {@code JsonMapper}; a
 * {@link dev.house.core.http.Response} is sent as is, {@code null} or {@code void} answers 204.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JsonRoute {

    /** The path template, e.g. {@code /rooms/{room}/messages}. */
    String path();

    /** The HTTP method; GET routes also answer HEAD (unless {@link #unsafe()}). */
    HttpMethod method() default HttpMethod.GET;

    /**
     * The status of a successful answer (e.g. 201); a {@link Reply} return value sets its own.
     * An exception still answers with its error status.
     */
    int status() default 200;

    /** Where the method runs: on a worker (it may block) or, for quick non-blocking code, the event loop. */
    Execution execution() default Execution.WORKER;

    /**
     * Whether this GET route has side effects (publishes, writes, counts) although GET is meant
     * to be safe: HEAD then answers 405 with {@code Allow} listing GET without HEAD, instead of
     * running the method. Only for GET routes; start-up fails on another method.
     */
    boolean unsafe() default false;
}
