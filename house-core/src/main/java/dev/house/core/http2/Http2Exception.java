package dev.house.core.http2;

/**
 * A protocol error found in what the peer sent, with its RFC 9113 error code and scope: a
 * connection error (§5.4.1) ends the connection with GOAWAY, a stream error (§5.4.2) resets only
 * its stream with RST_STREAM. The message names the problem; it goes into GOAWAY's debug data and
 * logs, never a stack trace to the client.
 */
final class Http2Exception extends RuntimeException {
    /** Whether the error ends the whole connection or only one stream. */
    enum Scope { CONNECTION, STREAM }

    private final Http2Error error;
    private final Scope scope;
    private final int streamId;

    private Http2Exception(Http2Error error, Scope scope, int streamId, String message) {
        super(message, null, false, false);
        this.error = error;
        this.scope = scope;
        this.streamId = streamId;
    }

    static Http2Exception connection(Http2Error error, String message) {
        return new Http2Exception(error, Scope.CONNECTION, 0, message);
    }

    static Http2Exception stream(int streamId, Http2Error error, String message) {
        return new Http2Exception(error, Scope.STREAM, streamId, message);
    }

    Http2Error error() {
        return error;
    }

    Scope scope() {
        return scope;
    }

    /** The stream a stream error resets; 0 for connection errors. */
    int streamId() {
        return streamId;
    }

    @Override
    public String toString() {
        return scope + " " + error + (scope == Scope.STREAM ? " on stream " + streamId : "") + ": " + getMessage();
    }
}
