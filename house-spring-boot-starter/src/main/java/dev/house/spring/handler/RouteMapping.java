package dev.house.spring.handler;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What one mapping annotation on a handler method declares, whatever its kind: the kind, the
 * method ({@code null} for every method), the path template and where it runs.
 *
 * @param contentType the content type of a closing route's text, else {@code null}
 * @param status the status of a redirect route or of a JSON route's success, else 0
 * @param unsafe whether the GET route declared side effects, so HEAD must not run it
 */
public record RouteMapping(Kind kind, @Nullable HttpMethod method, String path, Execution execution,
                           @Nullable String contentType, int status, boolean unsafe) {

    /** A mapping of a route without declared side effects. */
    public RouteMapping(Kind kind, @Nullable HttpMethod method, String path, Execution execution,
                        @Nullable String contentType, int status) {
        this(kind, method, path, execution, contentType, status, false);
    }

    /** The handler kinds of house-core that methods can be mapped to. */
    public enum Kind {
        CLOSING, JSON, STREAM, REDIRECT
    }

    /**
     * The mapping declared on {@code method}, or {@code null} when it has none.
     *
     * @throws IllegalStateException when the method carries more than one mapping annotation
     */
    public static @Nullable RouteMapping of(Method method) {
        List<RouteMapping> found = new ArrayList<>(1);
        ClosingRoute closing = AnnotatedElementUtils.findMergedAnnotation(method, ClosingRoute.class);
        if (closing != null) {
            found.add(new RouteMapping(Kind.CLOSING, closing.method(), closing.path(), closing.execution(),
                    closing.contentType(), 0, closing.unsafe()));
        }
        JsonRoute json = AnnotatedElementUtils.findMergedAnnotation(method, JsonRoute.class);
        if (json != null) {
            found.add(new RouteMapping(Kind.JSON, json.method(), json.path(), json.execution(), null, json.status(),
                    json.unsafe()));
        }
        StreamRoute stream = AnnotatedElementUtils.findMergedAnnotation(method, StreamRoute.class);
        if (stream != null) {
            found.add(new RouteMapping(Kind.STREAM, stream.method(), stream.path(), stream.execution(), null, 0,
                    stream.unsafe()));
        }
        RedirectRoute redirect = AnnotatedElementUtils.findMergedAnnotation(method, RedirectRoute.class);
        if (redirect != null) {
            found.add(new RouteMapping(Kind.REDIRECT, null, redirect.path(), Execution.EVENT_LOOP, null,
                    redirect.status()));
        }
        if (found.size() > 1) {
            throw new IllegalStateException("house handler method " + HandlerMethod.describe(method)
                    + " has more than one route mapping: " + found);
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * Whether a request could match both this mapping and {@code other}: same method (or either
     * answering every method) and the same template once variable names are ignored, so
     * {@code /rooms/{id}} and {@code /rooms/{room}} conflict.
     */
    public boolean conflictsWith(RouteMapping other) {
        boolean methodsOverlap = method == null || other.method == null || method == other.method;
        return methodsOverlap && shape(path).equals(shape(other.path));
    }

    /** The template with every variable's name dropped: {@code /rooms/{room}} becomes {@code /rooms/{}}. */
    static String shape(String template) {
        StringBuilder shape = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    return template; // invalid; the router reports it
                }
                boolean rest = i + 1 < end && template.charAt(i + 1) == '*';
                shape.append(rest ? "{*}" : "{}");
                i = end + 1;
            } else {
                shape.append(c);
                i++;
            }
        }
        return shape.toString();
    }

    @Override
    public String toString() {
        return kind + " " + (method == null ? "ANY" : method.name()) + " " + path;
    }
}
