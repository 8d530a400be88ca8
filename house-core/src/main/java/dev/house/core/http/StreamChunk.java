package dev.house.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An immutable piece of a streaming response body, encoded once and shared by every stream it is
 * sent to. It holds payload bytes only: how they are framed on the wire (an HTTP/1.1 chunk, the
 * bare bytes of a close-delimited HTTP/1.0 body, a DATA frame) is the protocol's business.
 */
public final class StreamChunk {
    private final byte[] bytes;

    private StreamChunk(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps {@code bytes}, which the caller must not modify afterwards. */
    public static StreamChunk wrap(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a stream chunk must not be empty");
        }
        return new StreamChunk(bytes);
    }

    public static StreamChunk of(String text) {
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The payload. Shared by every stream the chunk goes to: do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /** The payload's length in bytes. */
    public int length() {
        return bytes.length;
    }
}
