package dev.house.core.http;

import java.util.Objects;

/**
 * Thrown to end an exchange with a specific error status. The message is sent to the client as
 * the error body, so it must name the problem without echoing raw input; the stack trace is never
 * sent.
 *
 * <p>{@link #toResponse()} is the one place an exception becomes an error response: the server
 * calls it for an exception that leaves a handler, the interceptor chain for one that leaves a
 * handler or an interceptor (so {@code after} sees the error response). Anything else a handler
 * throws is a 500 that names only the request id.
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

    /**
     * The error response this exception stands for: {@link Response#error} with the status and
     * message. Subclasses with a richer body (a problem document) override it.
     */
    public Response toResponse() {
        return Response.error(status, getMessage());
    }

    /** Shorthand for a 400 naming what is wrong with the request. */
    public static HttpException badRequest(String message) {
        return new HttpException(HttpStatus.BAD_REQUEST, message);
    }
}
