package dev.house.core;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.StreamExecutor;
import dev.house.core.http1.Http1;
import dev.house.core.http2.Http2;
import dev.house.core.io.ProtocolFactory;
import dev.house.core.io.RuntimeConfig;
import dev.house.core.io.ServerRuntime;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP/1.1 and HTTP/2 server: one acceptor thread and a few event loops serving every connection
 * without blocking, with application handlers run on a worker executor. Start it, ask which
 * {@link #port()} it bound, and {@link #stop()} it to drain in-flight exchanges gracefully.
 *
 * <pre>{@code
 * HouseServer server = HouseServer.builder()
 *         .config(ServerConfig.builder().port(8080).build())
 *         .router(Router.builder().get("/hello", req -> Response.text("Hello, world")).build())
 *         .build()
 *         .start();
 * }</pre>
 */
public final class HouseServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HouseServer.class);

    private final ServerConfig config;
    private final ServerRuntime runtime;

    private HouseServer(Builder b) {
        this.config = b.config;
        boolean defaultWorkers = b.workers == null;
        this.runtime = new ServerRuntime(runtimeConfig(b.config), b.router, b.listener,
                defaultWorkers ? Workers.createDefault() : b.workers, defaultWorkers, protocols(b.config));
    }

    /** The values the I/O layer and the protocols read, which keeps {@code io} independent of this package. */
    static RuntimeConfig runtimeConfig(ServerConfig c) {
        return new RuntimeConfig(c.address(), c.port(), c.backlog(), c.eventLoops(), c.requestTimeout(),
                c.idleTimeout(), c.shutdownGracePeriod(), c.streamDrain(), c.maxConnections(), c.maxConnectionsPerAddress(),
                c.trustedProxies(), c.tls(), c.limits(), c.errorFormat(), c.maxPendingOutput(),
                c.streamMaxPendingBytes());
    }

    /** The protocols in order of preference (the ALPN order); HTTP/1.1, which takes anything, last. */
    private static List<ProtocolFactory> protocols(ServerConfig config) {
        if (!config.http2Enabled()) {
            return List.of(new Http1());
        }
        return List.of(new Http2(config.http2MaxConcurrentStreams(), config.http2InitialWindowSize(),
                config.http2MaxFrameSize(), config.limits()), new Http1());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds and starts serving; returns this server. */
    public HouseServer start() {
        warnIfAboveTheFileDescriptorLimit(config.maxConnections(), FileDescriptors.processLimit());
        runtime.start();
        return this;
    }

    /** Says so at start-up when the connection limit cannot be reached before accept() runs out of fds. */
    static boolean warnIfAboveTheFileDescriptorLimit(int maxConnections, long fdLimit) {
        if (fdLimit <= 0 || maxConnections <= fdLimit - FileDescriptors.headroom(fdLimit)) {
            return false;
        }
        log.warn("maxConnections {} is above what the process's file-descriptor limit of {} leaves for "
                        + "connections ({} kept for files, Redis and the server): accepts will fail with 'Too many "
                        + "open files' before clients get 503; raise the limit (ulimit -n) or lower maxConnections",
                maxConnections, fdLimit, FileDescriptors.headroom(fdLimit));
        return true;
    }

    /** The bound TCP port (the real one when configured with port 0); -1 before start. */
    public int port() {
        return runtime.port();
    }

    /** Open connections right now, streams included. */
    public int connectionCount() {
        return runtime.connectionCount();
    }

    /** Whether the server is accepting and every event loop is alive. */
    public boolean isRunning() {
        return runtime.isRunning();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The event loops (empty before start), as the executors they are, for code that spreads work
     * over them; the loop class itself is internal.
     */
    public List<StreamExecutor> eventLoops() {
        return Collections.unmodifiableList(runtime.eventLoops());
    }

    /** How many of the {@link #eventLoops()} are running (fewer than all means one died). */
    public int eventLoopsAlive() {
        return runtime.eventLoopsAlive();
    }

    /** Bytes read from and written to clients so far. */
    public long bytesReceived() {
        return runtime.bytesReceived();
    }

    public long bytesSent() {
        return runtime.bytesSent();
    }

    /** Connections refused with 503 because the server was at {@link ServerConfig#maxConnections()}. */
    public long connectionsRefusedAtLimit() {
        return runtime.refusedAtLimit();
    }

    /** Connections refused with 503 because their address was at {@link ServerConfig#maxConnectionsPerAddress()}. */
    public long connectionsRefusedPerAddress() {
        return runtime.refusedPerAddress();
    }

    /** Accepts that failed, nearly always for want of file descriptors (the client waits in the backlog). */
    public long acceptFailures() {
        return runtime.acceptFailures();
    }

    /**
     * Stops accepting, lets in-flight exchanges finish within the grace period, ends streams
     * (after their farewell chunk), then closes everything and stops the threads. Idempotent.
     */
    public void stop() {
        runtime.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** Assembles a {@link HouseServer}. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private RequestRouter router;
        private ExecutorService workers;
        private ExchangeListener listener = ExchangeListener.NONE;

        private Builder() {
        }

        /** Observes every exchange (metrics, debug logs); default: none. */
        public Builder listener(ExchangeListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder config(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** What answers requests; required. */
        public Builder router(RequestRouter router) {
            this.router = Objects.requireNonNull(router, "router");
            return this;
        }

        /**
         * Executor for handlers that may block; default: virtual threads on Java 21+, else a
         * bounded pool. A supplied executor is not shut down by the server.
         */
        public Builder workers(ExecutorService workers) {
            this.workers = Objects.requireNonNull(workers, "workers");
            return this;
        }

        public HouseServer build() {
            if (router == null) {
                throw new IllegalStateException("a router is required: call router(...)");
            }
            return new HouseServer(this);
        }
    }
}
