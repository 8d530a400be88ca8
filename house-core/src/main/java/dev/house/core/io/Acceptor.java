package dev.house.core.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that accepts connections (blocking accept: it has nothing else to do) and deals
 * them round-robin to the event loops. Past the connection limit it still accepts, so the client
 * gets a 503 instead of a hanging connect.
 */
final class Acceptor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);

    private final ServerSocketChannel listener;
    private final ServerRuntime server;
    private final EventLoop[] loops;
    private int nextLoop;

    Acceptor(ServerSocketChannel listener, ServerRuntime server, EventLoop[] loops) {
        this.listener = listener;
        this.server = server;
        this.loops = loops;
    }

    @Override
    public void run() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return; // stop() closed the listener
            } catch (IOException e) {
                // Typically out of file descriptors: back off instead of spinning.
                log.warn("accept failed: {}", e.getMessage());
                LockSupport.parkNanos(10_000_000L);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                boolean reject = !server.admit();
                EventLoop loop = loops[nextLoop];
                nextLoop = (nextLoop + 1) % loops.length;
                loop.execute(() -> server.register(channel, loop, remote, reject));
            } catch (IOException e) {
                log.debug("dropping a connection that failed during accept: {}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
