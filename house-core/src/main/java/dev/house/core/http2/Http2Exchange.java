package dev.house.core.http2;

import dev.house.core.http.Request;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/** One request/response exchange on an HTTP/2 stream, as {@link Http2Session} tracks it; on the loop. */
final class Http2Exchange {
    /** Where the exchange is: the request arriving, a handler working, the response leaving. */
    enum State { RECEIVING, HANDLING, SENDING_FILE, STREAMING, DONE }

    final int id;
    /** The request head until it is dispatched as a {@link Request}, which holds what is needed of it. */
    Http2Request head;
    final long started;
    State state = State.RECEIVING;
    private byte[] body;
    private int bodyLength;
    Request request;
    /** Open on a file response until its last byte is handed to the engine. */
    FileChannel file;
    long filePosition;
    long fileRemaining;
    Http2ResponseStream stream;

    Http2Exchange(int id, Http2Request head, long started) {
        this.id = id;
        this.head = head;
        this.started = started;
    }

    /** Appends request body bytes (the engine already bounds them by {@code maxBodySize}). */
    void append(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (body == null) {
            long expected = head.contentLength();
            body = new byte[(int) Math.max(n, Math.min(expected > 0 ? expected : 0, 1 << 20))];
        } else if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        }
        data.get(body, bodyLength, n);
        bodyLength += n;
    }

    byte[] body() {
        return body == null ? null : bodyLength == body.length ? body : Arrays.copyOf(body, bodyLength);
    }

    void closeFile() {
        FileChannel f = file;
        file = null;
        if (f != null) {
            try {
                f.close();
            } catch (IOException e) {
                // nothing left to do: the response is over either way
            }
        }
    }
}
