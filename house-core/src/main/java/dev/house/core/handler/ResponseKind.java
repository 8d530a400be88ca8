package dev.house.core.handler;

/** How a route's handler answers: the response styles of house's handler kinds. */
public enum ResponseKind {
    /**
     * A closing handler: returns a {@code String} or {@code byte[]} sent whole with the route's
     * content type ({@code text/html; charset=utf-8} by default), or a ready
     * {@link dev.house.core.http.Response}; {@code null} answers 204.
     */
    CLOSING,
    /**
     * Returns any object, serialised with Jackson as {@code application/json}; a
     * {@link dev.house.core.http.Response} is sent as is and {@code null} answers 204.
     */
    JSON,
    /**
     * Turns the request into a long-lived stream: returns a response made with
     * {@link dev.house.core.http.Response#stream} (for SSE, the {@code dev.house.core.sse}
     * helpers); it has no {@code Content-Length}.
     */
    STREAM,
    /** A plain {@link dev.house.core.http.Handler} that reads the request itself; declares no parameters. */
    RAW
}
