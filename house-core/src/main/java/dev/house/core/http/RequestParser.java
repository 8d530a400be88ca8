package dev.house.core.http;

import java.nio.ByteBuffer;

/**
 * Incremental, strict HTTP/1.1 request parser (RFC 9112). Fed whatever bytes arrived, split
 * anywhere; never blocks, never allocates per byte, and only ever yields a request or an
 * {@link HttpError}. One instance per connection, reused for each pipelined request.
 *
 * <p>Call {@link #parse} until it returns something other than {@link Result#NEED_MORE} or the
 * buffer is empty. {@link Result#HEAD} comes once per request when its header section is done
 * ({@link #head()}), then {@link Result#COMPLETE} when its body is read ({@link #request()}).
 * After {@link Result#ERROR} the parser is finished with this connection.
 */
public final class RequestParser {

    /** What a call to {@link #parse} achieved. */
    public enum Result { NEED_MORE, HEAD, COMPLETE, ERROR }

    private final HttpLimits limits;

    public RequestParser(HttpLimits limits) {
        this.limits = limits;
    }

    /** Consumes bytes from {@code in}, advancing its position past what was used. */
    public Result parse(ByteBuffer in) {
        throw new UnsupportedOperationException("not yet written");
    }

    /** The current request's head; valid from {@link Result#HEAD} until {@link #reset()}. */
    public RequestHead head() {
        throw new UnsupportedOperationException("not yet written");
    }

    /** The complete request; valid after {@link Result#COMPLETE} until {@link #reset()}. */
    public Request request() {
        throw new UnsupportedOperationException("not yet written");
    }

    /** Why the message was refused; valid after {@link Result#ERROR}. */
    public HttpError error() {
        throw new UnsupportedOperationException("not yet written");
    }

    /** Whether any byte of the next request has been consumed (for request vs idle timeouts). */
    public boolean inProgress() {
        throw new UnsupportedOperationException("not yet written");
    }

    /** Prepares for the next request on the connection, releasing per-request buffers. */
    public void reset() {
        throw new UnsupportedOperationException("not yet written");
    }

    HttpLimits limits() {
        return limits;
    }
}
