package dev.house.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable piece of a streaming response body, encoded once and shared by every stream it is
 * sent to. It carries both wire forms: the plain bytes for close-delimited (HTTP/1.0) streams and
 * the same bytes framed as one HTTP/1.1 chunk, built on first use.
 */
public final class StreamChunk {
    private static final byte[] CRLF = {'\r', '\n'};

    private final byte[] plain;
    private volatile byte[] chunked;

    private StreamChunk(byte[] plain) {
        this.plain = plain;
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

    /** The payload as sent on a close-delimited stream. Shared: do not modify. */
    public byte[] plain() {
        return plain;
    }

    /** The payload framed as one chunk ({@code size CRLF data CRLF}). Shared: do not modify. */
    public byte[] chunked() {
        byte[] c = chunked;
        if (c == null) {
            byte[] size = Integer.toHexString(plain.length).getBytes(StandardCharsets.US_ASCII);
            c = Arrays.copyOf(size, size.length + 2 + plain.length + 2);
            System.arraycopy(CRLF, 0, c, size.length, 2);
            System.arraycopy(plain, 0, c, size.length + 2, plain.length);
            System.arraycopy(CRLF, 0, c, c.length - 2, 2);
            chunked = c; // idempotent: racing threads build equal arrays
        }
        return c;
    }

    public int length() {
        return plain.length;
    }
}
