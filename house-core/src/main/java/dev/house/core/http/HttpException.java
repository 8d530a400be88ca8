package dev.house.core.http;

import java.util.Objects;

/**
 * Thrown to end an exchange with a specific error status. The message is sent to the client as
 * the {@code text/plain} body, so it must name the problem without echoing raw input; the stack
 * trace is never sent.
 */
public class HttpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient HttpStatus status;

    public HttpException(HttpStatus status, String message) {
        super(message, null, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    public HttpException(HttpStatus status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = Objects.requireNonNull(status, "status");
    }

    public HttpStatus status() {
        return status;
    }

    /** Shorthand for a 400 naming what is wrong with the request. */
    public static HttpException badRequest(String message) {
        return new HttpException(HttpStatus.BAD_REQUEST, message);
    }
}
