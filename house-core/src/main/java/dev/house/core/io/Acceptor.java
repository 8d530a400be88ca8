package dev.house.core.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that accepts connections (blocking accept: it has nothing else to do) and deals
 * them round-robin to the event loops. Past the connection limit it still accepts, so the client
 * gets a 503 instead of a hanging connect.
 *
 * <p>When accept() fails (out of file descriptors, nearly always: EMFILE/ENFILE) retrying at once
 * would only spin and flood the log, so the acceptor pauses, for longer each time (as Tomcat and
 * Netty do), and wakes early when one of its connections closes and gives a descriptor back.
 * Clients meanwhile wait in the kernel's backlog. One line is logged per {@link #LOG_INTERVAL_NANOS}
 * with the number of failures not logged, and one when accepting works again.
 */
final class Acceptor implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Acceptor.class);
    static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final ServerSocketChannel listener;
    private final ServerRuntime server;
    private final EventLoop[] loops;
    private int nextLoop;
    private volatile Thread pausedThread;
    // Failures and their reports; only the acceptor thread touches these. Reports are limited
    // across streaks too: at the limit, every close lets one accept through before the next fails.
    private long failures;
    private long unlogged;
    private long streakStart;
    private long lastFailureLogged;
    private long lastRecoveryLogged;
    private boolean loggedFailure;
    private boolean loggedRecovery;
    private long pauseNanos;

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
                if (!listener.isOpen()) {
                    return;
                }
                failed(e, System.nanoTime());
                pause();
                continue;
            }
            if (failures > 0) {
                recovered(System.nanoTime());
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                String refusal = server.admit(remote);
                EventLoop loop = loops[nextLoop];
                nextLoop = (nextLoop + 1) % loops.length;
                loop.execute(() -> server.register(channel, loop, remote, refusal));
            } catch (IOException e) {
                log.debug("dropping a connection that failed during accept: {}", e.toString());
                closeQuietly(channel);
            }
        }
    }

    /** A connection gave its descriptor back: a paused acceptor tries again at once. Any thread. */
    void descriptorFreed() {
        Thread paused = pausedThread;
        if (paused != null) {
            LockSupport.unpark(paused);
        }
    }

    void failed(IOException e, long now) {
        server.acceptFailed();
        if (failures == 0) {
            streakStart = now;
            pauseNanos = FIRST_PAUSE_NANOS;
        } else {
            pauseNanos = Math.min(MAX_PAUSE_NANOS, pauseNanos * 2);
        }
        failures++;
        if (!loggedFailure || now - lastFailureLogged >= LOG_INTERVAL_NANOS) {
            log.warn("accept failed: {}; pausing accepts up to {} ms at a time until descriptors free up "
                            + "({} earlier failures not logged; logged at most every {} s)", e.getMessage(),
                    TimeUnit.NANOSECONDS.toMillis(MAX_PAUSE_NANOS), unlogged,
                    TimeUnit.NANOSECONDS.toSeconds(LOG_INTERVAL_NANOS));
            loggedFailure = true;
            lastFailureLogged = now;
            unlogged = 0;
        } else {
            unlogged++;
        }
    }

    void recovered(long now) {
        if (!loggedRecovery || now - lastRecoveryLogged >= LOG_INTERVAL_NANOS) {
            log.info("accepting again after {} failed accepts in {} ms ({} failures not logged)", failures,
                    TimeUnit.NANOSECONDS.toMillis(now - streakStart), unlogged);
            loggedRecovery = true;
            lastRecoveryLogged = now;
        }
        failures = 0;
    }

    private void pause() {
        pausedThread = Thread.currentThread();
        try {
            LockSupport.parkNanos(this, pauseNanos);
        } finally {
            pausedThread = null;
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
