package dev.house.core.http2;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that the HPACK encoder and the frame writer append to. One per connection,
 * reused: the engine drains it into the socket's buffer, so it only grows to the largest burst the
 * peer has not yet read (which the engine bounds).
 */
final class ByteSink {
    private byte[] bytes;
    private int size;
    private int read;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    int size() {
        return size - read;
    }

    boolean isEmpty() {
        return size == read;
    }

    void put(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
    }

    void putShort(int v) {
        ensure(2);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void putMedium(int v) {
        ensure(3);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void putInt(int v) {
        ensure(4);
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    void put(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    /** Appends the remaining bytes of {@code src}, leaving its position unchanged. */
    void put(ByteBuffer src) {
        int n = src.remaining();
        ensure(n);
        src.get(src.position(), bytes, size, n);
        size += n;
    }

    /** Overwrites a 24-bit value at an absolute index (a frame length written after its payload). */
    void setMedium(int index, int v) {
        bytes[read + index] = (byte) (v >>> 16);
        bytes[read + index + 1] = (byte) (v >>> 8);
        bytes[read + index + 2] = (byte) v;
    }

    /** Moves as many pending bytes as fit into {@code dst}; returns how many. */
    int drainTo(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), size - read);
        dst.put(bytes, read, n);
        read += n;
        if (read == size) {
            read = 0;
            size = 0;
        }
        return n;
    }

    /** Takes everything pending as a new array (for tests and simple callers). */
    byte[] drain() {
        byte[] out = Arrays.copyOfRange(bytes, read, size);
        read = 0;
        size = 0;
        return out;
    }

    private void ensure(int n) {
        if (size + n > bytes.length) {
            if (read > 0) {
                System.arraycopy(bytes, read, bytes, 0, size - read);
                size -= read;
                read = 0;
            }
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
        }
    }
}
