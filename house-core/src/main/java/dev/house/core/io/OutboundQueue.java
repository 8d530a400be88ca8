package dev.house.core.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * The bytes a connection has accepted but the socket has not yet taken: buffers and file regions
 * in order. Writes are gathering and non-blocking; what the socket refuses stays queued until
 * the next OP_WRITE. Iterates instead of recursing, so a long queue cannot grow the stack.
 */
final class OutboundQueue {
    /** How many buffers one gathering write takes; the array for it is the loop's. */
    static final int MAX_GATHER = 16;

    // Created on first use: most connections (idle keep-alive, quiet streams) never queue anything.
    private ArrayDeque<Object> items;
    private long pendingBytes;

    boolean isEmpty() {
        return items == null || items.isEmpty();
    }

    private ArrayDeque<Object> items() {
        if (items == null) {
            items = new ArrayDeque<>(4);
        }
        return items;
    }

    long pendingBytes() {
        return pendingBytes;
    }

    void add(ByteBuffer buffer) {
        if (buffer.hasRemaining()) {
            items().add(buffer);
            pendingBytes += buffer.remaining();
        }
    }

    void add(Path file, long offset, long length) {
        if (length > 0) {
            items().add(new FileSend(file, offset, length));
            pendingBytes += length;
        }
    }

    /**
     * Writes as much as the socket takes.
     *
     * @return bytes written by this call
     */
    long flush(Transport channel, ByteBuffer[] gather) throws IOException {
        long total = 0;
        while (!isEmpty()) {
            Object head = items.peekFirst();
            long written;
            boolean done;
            if (head instanceof FileSend file) {
                written = file.transferTo(channel);
                done = file.remaining == 0;
                if (done) {
                    items.pollFirst();
                    file.close();
                }
            } else {
                int n = 0;
                for (Object item : items) {
                    if (!(item instanceof ByteBuffer) || n == MAX_GATHER) {
                        break;
                    }
                    gather[n++] = (ByteBuffer) item;
                }
                written = channel.write(gather, 0, n);
                done = true;
                for (int i = 0; i < n; i++) {
                    if (gather[i].hasRemaining()) {
                        done = false;
                    } else {
                        items.pollFirst();
                    }
                    gather[i] = null;
                }
            }
            pendingBytes -= written;
            total += written;
            // A file goes on while the socket takes bytes; a buffer left unwritten means the socket is full.
            if (written == 0 || (!done && !(head instanceof FileSend))) {
                break;
            }
        }
        return total;
    }

    /** Drops everything queued, closing open files. */
    void clear() {
        if (items == null) {
            return;
        }
        for (Object item : items) {
            if (item instanceof FileSend file) {
                file.close();
            }
        }
        items.clear();
        pendingBytes = 0;
    }

    /** A file region being sent through the transport, opened on first use. */
    private static final class FileSend {
        final Path path;
        long position;
        long remaining;
        FileChannel file;

        FileSend(Path path, long offset, long length) {
            this.path = path;
            this.position = offset;
            this.remaining = length;
        }

        long transferTo(Transport channel) throws IOException {
            if (file == null) {
                file = FileChannel.open(path, StandardOpenOption.READ);
            }
            long n = channel.transferFrom(file, position, remaining);
            if (n == 0 && file.size() < position + remaining) {
                throw new IOException("file shrank while being sent: " + path);
            }
            position += n;
            remaining -= n;
            return n;
        }

        void close() {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // nothing left to release
                }
                file = null;
            }
        }
    }
}
