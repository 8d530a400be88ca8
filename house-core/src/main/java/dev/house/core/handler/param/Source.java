package dev.house.core.handler.param;

/**
 * Where a parameter's value may come from. When a parameter may come from several sources, they
 * are consulted in precedence order {@link #PATH}, {@link #BODY}, {@link #QUERY}; if the same name
 * arrives from two of them with <em>different</em> values the request is rejected with 400
 * (reason {@code conflict}) rather than one value silently winning.
 */
public enum Source {
    /** A variable of the route's path template, e.g. {@code room} in {@code /rooms/{room}}. */
    PATH,
    /**
     * A field of the request body: {@code application/x-www-form-urlencoded} fields, the top-level
     * properties of an {@code application/json} object, or {@code multipart/form-data} fields and
     * files, depending on the body's {@code Content-Type}.
     */
    BODY,
    /** A query-string parameter. */
    QUERY
}
