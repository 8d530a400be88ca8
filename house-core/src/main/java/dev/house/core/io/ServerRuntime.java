package dev.house.core.io;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.HttpException;
import dev.house.core.http.Problem;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import dev.house.core.tls.TlsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running parts of a server (listener, acceptor thread, event loops, workers) and their
 * lifecycle, plus the little state connections share: the router, counters and the draining
 * flag. Connections call back into it only for those; everything else stays on their loop.
 *
 * <p>It is over 400 lines because it is the one place that owns the server's lifecycle end to end:
 * binding, starting the loops and the acceptor, admitting and counting connections (globally and
 * per address), and the graceful stop (stop accepting, drain within the grace period, close, join
 * the threads). Those steps share the same few fields and locks; spread over classes, the order of
 * a stop would be hard to follow. Its many accessors are one-liners (counters for metrics).
 */
public final class ServerRuntime {
    private static final Logger log = LoggerFactory.getLogger(ServerRuntime.class);
    private static final long SWEEP_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long SWEEP_MAX_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RuntimeConfig config;
    private final RequestRouter router;
    private final ExchangeListener listener;
    private final ExecutorService workers;
    private final boolean ownsWorkers;
    private final ProtocolSelector protocols;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong requestIds = new AtomicLong();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder slowConsumersCut = new LongAdder();
    private final LongAdder refusedAtLimit = new LongAdder();
    private final LongAdder refusedPerAddress = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();
    /** Open connections per remote address, kept only when a per-address limit is set. */
    private final ConcurrentHashMap<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private final Object drained = new Object();
    private volatile boolean draining;
    private volatile ServerSocketChannel serverChannel;
    private volatile EventLoop[] loops = new EventLoop[0];
    private Thread acceptorThread;
    private volatile Acceptor acceptor;
    private volatile int port = -1;
    private boolean started;
    private boolean stopped;

    /**
     * @param workers     where handlers that may block run
     * @param ownsWorkers whether {@link #stop()} shuts {@code workers} down (the assembly made them)
     * @param protocols   the protocols spoken in order of preference, the default (and fallback, the
     *                    one that accepts any first bytes) last; their names are the ALPN ids
     *                    offered on TLS, in this order
     */
    public ServerRuntime(RuntimeConfig config, RequestRouter router, ExchangeListener listener,
                         ExecutorService workers, boolean ownsWorkers, List<ProtocolFactory> protocols) {
        this.config = config;
        this.protocols = new ProtocolSelector(protocols);
        this.router = router;
        this.listener = new ExchangeLog(listener == null ? ExchangeListener.NONE : listener);
        this.ownsWorkers = ownsWorkers;
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** Binds the port and starts the loops and the acceptor. */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("server already started");
            }
            started = true;
            ServerSocketChannel channel = null;
            try {
                channel = ServerSocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.bind(new InetSocketAddress(config.address(), config.port()), config.backlog());
                port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
                serverChannel = channel;
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot listen on "
                        + (config.address() == null ? "*" : config.address().getHostAddress()) + ":" + config.port()
                        + ": " + e.getMessage(), e);
            }
            EventLoop[] created = new EventLoop[config.eventLoops()];
            long sweepNanos = sweepInterval();
            for (int i = 0; i < created.length; i++) {
                EventLoop loop = new EventLoop("house-loop-" + i);
                created[i] = loop;
                loop.start();
                loop.scheduleRepeating(() -> sweep(loop), sweepNanos, TimeUnit.NANOSECONDS);
            }
            loops = created;
            acceptor = new Acceptor(serverChannel, this, created);
            acceptorThread = new Thread(acceptor, "house-acceptor");
            acceptorThread.start();
            log.info("house listening on port {} with {} event loops", port, created.length);
        }
    }

    private long sweepInterval() {
        long shortest = Math.min(config.requestTimeout().toNanos(), config.idleTimeout().toNanos());
        if (config.tls() != null) {
            shortest = Math.min(shortest, config.tls().handshakeTimeout().toNanos());
        }
        return Math.max(SWEEP_MIN_NANOS, Math.min(SWEEP_MAX_NANOS, shortest / 4));
    }

    private void sweep(EventLoop loop) {
        long now = loop.now();
        long requestTimeout = config.requestTimeout().toNanos();
        long idleTimeout = config.idleTimeout().toNanos();
        loop.connections.forEach(c -> c.sweep(now, requestTimeout, idleTimeout));
    }

    /**
     * Counts a new connection (also when refused: {@link #release} uncounts it at close) and
     * returns why it is refused, or {@code null} when it is admitted.
     */
    String admit(InetSocketAddress remote) {
        int open = connections.incrementAndGet();
        boolean addressFull = countAddress(remote) > config.maxConnectionsPerAddress()
                && config.maxConnectionsPerAddress() > 0;
        if (open > config.maxConnections()) {
            refusedAtLimit.increment();
            return "Server is at its connection limit; retry later";
        }
        if (addressFull) {
            refusedPerAddress.increment();
            return "Too many connections from your address; retry later";
        }
        return null;
    }

    private int countAddress(InetSocketAddress remote) {
        InetAddress address = limitedAddress(remote);
        return address == null ? 0 : perAddress.merge(address, 1, Integer::sum);
    }

    /** The address whose connections are counted, or null when this one is not (no limit, trusted proxy). */
    private InetAddress limitedAddress(InetSocketAddress remote) {
        if (config.maxConnectionsPerAddress() == 0 || remote == null) {
            return null;
        }
        InetAddress address = remote.getAddress();
        return config.trustedProxies().contains(address) ? null : address;
    }

    /** Uncounts a connection counted by {@link #admit}; any thread. */
    private int release(InetSocketAddress remote) {
        InetAddress address = limitedAddress(remote);
        if (address != null) {
            perAddress.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
        int open = connections.decrementAndGet();
        Acceptor waiting = acceptor;
        if (waiting != null) {
            waiting.descriptorFreed();
        }
        return open;
    }

    /** An accept() failed (out of file descriptors, nearly always); on the acceptor thread. */
    void acceptFailed() {
        acceptFailures.increment();
    }

    /** Takes an accepted channel onto its loop; runs on that loop. */
    void register(SocketChannel channel, EventLoop loop, InetSocketAddress remote, String refusal) {
        Transport transport;
        try {
            transport = transport(channel, loop);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot set up TLS for {}: {}", remote, e.toString());
            Acceptor.closeQuietly(channel);
            release(remote);
            return;
        }
        Connection connection = new Connection(channel, transport, loop, this, remote);
        if (transport instanceof TlsTransport tls) {
            tls.onReady(connection::transportReady);
        }
        loop.connections.add(connection);
        try {
            connection.open(refusal);
        } catch (IOException | RuntimeException e) {
            log.debug("cannot register {}: {}", remote, e.toString());
            connection.close();
        }
    }

    private Transport transport(SocketChannel channel, EventLoop loop) throws IOException {
        TlsConfig tls = config.tls();
        if (tls == null) {
            return new PlainTransport(channel);
        }
        return new TlsTransport(channel, tls.newEngine(protocols.names()), loop, workers, tls.maxHandshakeBytes(),
                protocols.defaultFactory().plaintextOnTlsPortReply());
    }

    ProtocolSelector protocols() {
        return protocols;
    }

    long handshakeTimeoutNanos() {
        return config.tls() == null ? Long.MAX_VALUE : config.tls().handshakeTimeout().toNanos();
    }

    /** A connection released its socket; on its loop. */
    void closed(Connection connection) {
        connection.loop.connections.remove(connection);
        if (release(connection.remote()) == 0 && draining) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Runs the handler of {@code route}, turning exceptions into error responses. */
    public Response invoke(Route route, Request request) {
        try {
            Response response = route.handler().handle(request);
            if (response == null) {
                throw new IllegalStateException("handler returned no response");
            }
            if (response.failure() != null) {
                reportFailure(request, response.failure());
            }
            return response;
        } catch (HttpException e) {
            return e.toResponse();
        } catch (Exception | Error e) {
            return failure(request, e);
        }
    }

    public Response failure(Request request, Throwable e) {
        reportFailure(request, e);
        return Problem.internalError(request);
    }

    private void reportFailure(Request request, Throwable e) {
        log.error("request {} ({}) failed", request.id(), request, e);
        listener.failed(request, e);
    }

    public RequestRouter router() {
        return router;
    }

    public ExchangeListener listener() {
        return listener;
    }

    public ExecutorService workers() {
        return workers;
    }

    public long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    public boolean isDraining() {
        return draining;
    }

    void bytesIn(long n) {
        bytesIn.add(n);
    }

    void bytesOut(long n) {
        bytesOut.add(n);
    }

    public void slowConsumerCut() {
        slowConsumersCut.increment();
    }

    public RuntimeConfig config() {
        return config;
    }

    public int port() {
        return port;
    }

    public int connectionCount() {
        return connections.get();
    }

    public long bytesReceived() {
        return bytesIn.sum();
    }

    public long bytesSent() {
        return bytesOut.sum();
    }

    public long slowConsumersDisconnected() {
        return slowConsumersCut.sum();
    }

    public long refusedAtLimit() {
        return refusedAtLimit.sum();
    }

    public long refusedPerAddress() {
        return refusedPerAddress.sum();
    }

    public long acceptFailures() {
        return acceptFailures.sum();
    }

    /** The event loops, for code that spreads work over them (e.g. per-loop fan-out). */
    public List<EventLoop> eventLoops() {
        return List.of(loops);
    }

    public int eventLoopsAlive() {
        int alive = 0;
        for (EventLoop loop : loops) {
            if (loop.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    public boolean isRunning() {
        ServerSocketChannel channel = serverChannel;
        if (channel == null || !channel.isOpen() || draining) {
            return false;
        }
        for (EventLoop loop : loops) {
            if (!loop.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Graceful stop within the configured grace period; idempotent. */
    public void stop() {
        synchronized (lifecycle) {
            if (!started || stopped) {
                stopped = true;
                return;
            }
            stopped = true;
            if (serverChannel == null) {
                // start() failed to bind: nothing runs, only the workers may need releasing.
                releaseWorkers();
                return;
            }
            draining = true;
            closeListener();
            joinAcceptor();
            EventLoop[] all = loops;
            long drainNanos = config.streamDrain().toNanos();
            for (EventLoop loop : all) {
                loop.execute(() -> {
                    StreamDrain drain = new StreamDrain(drainNanos);
                    loop.connections.forEach(c -> c.beginShutdown(drain));
                    drain.start(loop);
                });
            }
            awaitDrained(System.nanoTime() + config.shutdownGracePeriod().toNanos());
            if (connections.get() > 0) {
                log.info("closing {} connections still open after the grace period", connections.get());
            }
            CountDownLatch closedAll = new CountDownLatch(all.length);
            for (EventLoop loop : all) {
                loop.execute(() -> {
                    loop.connections.forEach(Connection::close);
                    closedAll.countDown();
                });
                loop.shutdown();
            }
            awaitLoops(all, closedAll);
            releaseWorkers();
            log.info("house on port {} stopped", port);
        }
    }

    private void releaseWorkers() {
        if (ownsWorkers) {
            workers.shutdownNow();
        }
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("closing a listener that failed to bind", e);
        }
    }

    private void awaitDrained(long deadline) {
        synchronized (drained) {
            long left;
            while (connections.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void closeListener() {
        try {
            serverChannel.close();
        } catch (IOException e) {
            log.debug("closing listener", e);
        }
    }

    private void joinAcceptor() {
        try {
            acceptorThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitLoops(EventLoop[] loops, CountDownLatch closedAll) {
        try {
            closedAll.await(5, TimeUnit.SECONDS);
            for (EventLoop loop : loops) {
                if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("event loop {} did not stop in time", loop.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
