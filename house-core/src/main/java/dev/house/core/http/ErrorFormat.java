package dev.house.core.http;

/** How the server writes the bodies of the errors it produces itself (see {@link Problem}). */
public enum ErrorFormat {
    /** RFC 9457 {@code application/problem+json}: {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}. */
    PROBLEM_JSON,
    /** The detail alone as {@code text/plain; charset=utf-8}, as house answered before problem details. */
    TEXT
}
