package dev.house.core.io;

import dev.house.core.RuntimeConfigs;
import dev.house.core.ServerConfig;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.TlsInfo;
import dev.house.core.http1.Http1;
import dev.house.core.testing.TestExecutors;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * A server connection with no socket and no selector, like Netty's {@code EmbeddedChannel}: bytes
 * written in are read by the connection's protocol (HTTP/1.1 here), and what it answers is read
 * back out. The calling thread plays the event loop, and worker handlers run on it too, so every
 * exchange is deterministic. For tests of protocol behaviour; tests about real I/O (half-close,
 * resets, slow readers, descriptors) keep using sockets.
 */
public final class EmbeddedConnection {
    private final MemoryTransport transport = new MemoryTransport();
    private final EventLoop loop = new EventLoop("embedded", Thread.currentThread());
    private final Connection connection;

    private EmbeddedConnection(ServerConfig config, RequestRouter router) {
        ServerRuntime server = new ServerRuntime(RuntimeConfigs.of(config), router, null, TestExecutors.callerRuns(), false,
                List.of(new Http1()));
        connection = new Connection(null, transport, loop, server, new InetSocketAddress("127.0.0.1", 40000));
        loop.connections.add(connection);
        connection.openDetached();
    }

    /** An open HTTP/1.1 connection to a server with default settings and {@code router}. */
    public static EmbeddedConnection http1(RequestRouter router) {
        return new EmbeddedConnection(ServerConfig.defaults(), router);
    }

    /** Delivers {@code text} (ISO-8859-1) as one read, and runs what it caused. */
    public EmbeddedConnection writeInbound(String text) {
        return writeInbound(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public EmbeddedConnection writeInbound(byte[] bytes) {
        transport.input.add(ByteBuffer.wrap(bytes));
        pump();
        return this;
    }

    /** The client half-closes: the next read sees the end of input. */
    public EmbeddedConnection endInbound() {
        transport.inputEnded = true;
        pump();
        return this;
    }

    /** Everything written to the client since the last call, as ISO-8859-1 text. */
    public String readOutbound() {
        pump();
        String out = transport.output.toString(StandardCharsets.ISO_8859_1);
        transport.output.reset();
        return out;
    }

    /** Runs tasks queued for the loop (replies of worker handlers, stream sends from elsewhere). */
    public void runPendingTasks() {
        for (int i = 0; i < 100 && !loop.tasksIdle(); i++) {
            loop.runTasks();
        }
        loop.flushDirty(); // the end of the pass, as on a real loop
    }

    /** Write calls that reached the socket so far: what coalescing saves. */
    public int writes() {
        return transport.writes;
    }

    /** Whether the socket is still open (not closed by the server). */
    public boolean isOpen() {
        return connection.phase() != Connection.Phase.CLOSED;
    }

    /** Whether the server shut its output down (the first step of a graceful close). */
    public boolean outputShutdown() {
        return transport.outputShutdown;
    }

    /** The connection's phase, for tests of closing. */
    public Connection.Phase phase() {
        return connection.phase();
    }

    /** Reads while the connection wants to and input is waiting, writes while it wants to. */
    private void pump() {
        for (int guard = 0; guard < 10_000; guard++) {
            runPendingTasks();
            if (connection.phase() == Connection.Phase.CLOSED) {
                return;
            }
            boolean wantsRead = (connection.interest() & SelectionKey.OP_READ) != 0;
            boolean canRead = !transport.input.isEmpty() || (transport.inputEnded && !transport.endSeen);
            if (wantsRead && canRead) {
                connection.onReady(SelectionKey.OP_READ);
            } else if ((connection.interest() & SelectionKey.OP_WRITE) != 0) {
                connection.onReady(SelectionKey.OP_WRITE);
            } else if (loop.tasksIdle()) {
                return;
            }
        }
        throw new IllegalStateException("the connection does not settle");
    }

    /** Bytes in from a queue, bytes out to a growing array; never blocks, never short-writes. */
    private static final class MemoryTransport implements Transport {
        final Queue<ByteBuffer> input = new ArrayDeque<>();
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        boolean inputEnded;
        boolean endSeen;
        boolean outputShutdown;
        int writes;

        @Override
        public int read(ByteBuffer dst) {
            ByteBuffer next = input.peek();
            if (next == null) {
                if (inputEnded) {
                    endSeen = true;
                    return -1;
                }
                return 0;
            }
            int n = Math.min(dst.remaining(), next.remaining());
            dst.put(next.slice(next.position(), n));
            next.position(next.position() + n);
            if (!next.hasRemaining()) {
                input.poll();
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            writes++;
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                ByteBuffer src = srcs[i];
                while (src.hasRemaining()) {
                    output.write(src.get());
                    n++;
                }
            }
            return n;
        }

        @Override
        public long transferFrom(FileChannel file, long position, long count) throws java.io.IOException {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(count, 64 * 1024));
            int n = file.read(buf, position);
            buf.flip();
            return n <= 0 ? 0 : write(new ByteBuffer[] {buf}, 0, 1);
        }

        @Override
        public boolean hasPendingOutput() {
            return false;
        }

        @Override
        public long pendingOutputBytes() {
            return 0;
        }

        @Override
        public boolean flushPending() {
            return true;
        }

        @Override
        public boolean hasBufferedInput() {
            return false;
        }

        @Override
        public boolean readBlocked() {
            return false;
        }

        @Override
        public boolean handshaking() {
            return false;
        }

        @Override
        public void shutdownOutput() {
            outputShutdown = true;
        }

        @Override
        public void close() {
        }

        @Override
        public String applicationProtocol() {
            return null;
        }

        @Override
        public TlsInfo tlsInfo() {
            return null;
        }
    }
}
