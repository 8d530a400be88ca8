package dev.house.core;

import dev.house.core.http.HttpLimits;
import dev.house.core.tls.TlsConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of a {@link HouseServer}. Build with {@link #builder()}; every setter
 * documents its default. Invalid values are refused when set, with a message naming the setting.
 */
public final class ServerConfig {
    private final InetAddress address;
    private final int port;
    private final int eventLoops;
    private final HttpLimits limits;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final int maxConnections;
    private final int maxPendingOutput;
    private final long streamMaxPendingBytes;
    private final Duration shutdownGracePeriod;
    private final Duration streamDrain;
    /** As set on the builder (null: the default), so that {@link #toBuilder()} keeps following the grace period. */
    private final Duration streamDrainSetting;
    private final int backlog;
    private final TlsConfig tls;
    private final int maxConnectionsPerAddress;
    private final Set<InetAddress> trustedProxies;
    private final dev.house.core.http.ErrorFormat errorFormat;
    private final boolean http2Enabled;
    private final int http2MaxConcurrentStreams;
    private final int http2InitialWindowSize;
    private final int http2MaxFrameSize;

    private ServerConfig(Builder b) {
        this.address = b.address;
        this.port = b.port;
        this.eventLoops = b.eventLoops;
        this.limits = b.limits;
        this.requestTimeout = b.requestTimeout;
        this.idleTimeout = b.idleTimeout;
        this.maxConnections = b.maxConnections;
        this.maxPendingOutput = b.maxPendingOutput;
        this.streamMaxPendingBytes = b.streamMaxPendingBytes;
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.streamDrainSetting = b.streamDrain;
        this.streamDrain = b.streamDrain != null ? b.streamDrain
                : min(Builder.DEFAULT_STREAM_DRAIN, b.shutdownGracePeriod);
        this.errorFormat = b.errorFormat;
        this.backlog = b.backlog;
        this.tls = b.tls;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        this.trustedProxies = b.trustedProxies;
        this.http2Enabled = b.http2Enabled;
        this.http2MaxConcurrentStreams = b.http2MaxConcurrentStreams;
        this.http2InitialWindowSize = b.http2InitialWindowSize;
        this.http2MaxFrameSize = b.http2MaxFrameSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ServerConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.address = address;
        b.port = port;
        b.eventLoops = eventLoops;
        b.limits = limits;
        b.requestTimeout = requestTimeout;
        b.idleTimeout = idleTimeout;
        b.maxConnections = maxConnections;
        b.maxPendingOutput = maxPendingOutput;
        b.streamMaxPendingBytes = streamMaxPendingBytes;
        b.shutdownGracePeriod = shutdownGracePeriod;
        b.streamDrain = streamDrainSetting;
        b.errorFormat = errorFormat;
        b.backlog = backlog;
        b.tls = tls;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.trustedProxies = trustedProxies;
        b.http2Enabled = http2Enabled;
        b.http2MaxConcurrentStreams = http2MaxConcurrentStreams;
        b.http2InitialWindowSize = http2InitialWindowSize;
        b.http2MaxFrameSize = http2MaxFrameSize;
        return b;
    }

    /** The address to bind, or {@code null} for every interface. */
    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    public int eventLoops() {
        return eventLoops;
    }

    public HttpLimits limits() {
        return limits;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxPendingOutput() {
        return maxPendingOutput;
    }

    public long streamMaxPendingBytes() {
        return streamMaxPendingBytes;
    }

    public Duration shutdownGracePeriod() {
        return shutdownGracePeriod;
    }

    /**
     * The window over which {@link HouseServer#stop()} ends long-lived response streams (SSE),
     * at most {@link #shutdownGracePeriod()}.
     */
    public Duration streamDrain() {
        return streamDrain;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** How the server writes the errors it produces; default RFC 9457 problem details. */
    public dev.house.core.http.ErrorFormat errorFormat() {
        return errorFormat;
    }

    public int backlog() {
        return backlog;
    }

    /** TLS settings, or {@code null} for plain HTTP. */
    public TlsConfig tls() {
        return tls;
    }

    /** Open connections allowed from one remote address; 0 when unlimited. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Addresses of reverse proxies whose connections are not limited per address. */
    public Set<InetAddress> trustedProxies() {
        return trustedProxies;
    }

    /** Collects {@link ServerConfig} values; each setter validates its argument. */
    /** Whether HTTP/2 is spoken: ALPN {@code h2} on TLS, the prior-knowledge preface on a plain port. */
    public boolean http2Enabled() {
        return http2Enabled;
    }

    /** HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS: streams one connection may have open. */
    public int http2MaxConcurrentStreams() {
        return http2MaxConcurrentStreams;
    }

    /** HTTP/2 SETTINGS_INITIAL_WINDOW_SIZE: request body a stream may send before we grant more. */
    public int http2InitialWindowSize() {
        return http2InitialWindowSize;
    }

    /** HTTP/2 SETTINGS_MAX_FRAME_SIZE: the largest frame payload we accept. */
    public int http2MaxFrameSize() {
        return http2MaxFrameSize;
    }

    public static final class Builder {
        private InetAddress address;
        private int port = 8080;
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private HttpLimits limits = HttpLimits.defaults();
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private int maxConnections = FileDescriptors.defaultMaxConnections(FileDescriptors.processLimit());
        private int maxPendingOutput = 256 * 1024;
        private long streamMaxPendingBytes = 256 * 1024;
        private static final Duration DEFAULT_STREAM_DRAIN = Duration.ofSeconds(3);
        private Duration shutdownGracePeriod = Duration.ofSeconds(10);
        /** Null until set: the default follows the grace period. */
        private Duration streamDrain;
        private int backlog = 1024;
        private TlsConfig tls;
        private int maxConnectionsPerAddress;
        private Set<InetAddress> trustedProxies = Set.of();
        private dev.house.core.http.ErrorFormat errorFormat = dev.house.core.http.ErrorFormat.PROBLEM_JSON;
        private boolean http2Enabled = true;
        private int http2MaxConcurrentStreams = 128;
        private int http2InitialWindowSize = 65_535;
        private int http2MaxFrameSize = 16_384;

        private Builder() {
        }

        /** Serve HTTPS with these settings; default {@code null}: plain HTTP. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** Address to bind; default {@code null}: every interface. */
        public Builder address(InetAddress address) {
            this.address = address;
            return this;
        }

        /** TCP port; default 8080; 0 picks a free port (see {@link HouseServer#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Number of event-loop threads; default: available processors. */
        public Builder eventLoops(int eventLoops) {
            if (eventLoops < 1) {
                throw new IllegalArgumentException("eventLoops must be at least 1: " + eventLoops);
            }
            this.eventLoops = eventLoops;
            return this;
        }

        /** Parser limits; default {@link HttpLimits#defaults()}. */
        public Builder limits(HttpLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Time from a request's first byte to its last before 408; default 30 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Time a keep-alive connection may wait for its next request; default 60 s. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * Open connections beyond which new ones get 503; default 10,000, or less when the
         * process's file-descriptor limit minus a headroom (an eighth, at least 64) is lower, so
         * that clients get 503 before accept() runs out of descriptors.
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Unwritten response bytes per connection past which the server stops reading and
         * answering pipelined requests until the client catches up; default 256 KiB. On HTTP/2
         * it bounds the bytes all of a connection's streams hold waiting for window: past it the
         * stream holding the most is reset (counted as a slow consumer cut).
         */
        public Builder maxPendingOutput(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxPendingOutput must be at least 1024: " + bytes);
            }
            this.maxPendingOutput = bytes;
            return this;
        }

        /** Unwritten bytes per stream past which a slow client is disconnected; default 256 KiB. */
        public Builder streamMaxPendingBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("streamMaxPendingBytes must be at least 1024: " + bytes);
            }
            this.streamMaxPendingBytes = bytes;
            return this;
        }

        /** How long {@link HouseServer#stop()} lets in-flight exchanges finish; default 10 s. */
        public Builder shutdownGracePeriod(Duration grace) {
            Objects.requireNonNull(grace, "shutdownGracePeriod");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGracePeriod must not be negative: " + grace);
            }
            this.shutdownGracePeriod = grace;
            return this;
        }

        /**
         * The window over which {@link HouseServer#stop()} ends long-lived response streams (SSE
         * streams, chunked downloads): each loop spreads its streams' ends evenly over it, with
         * jitter, so that thousands of clients do not reconnect to the other nodes in the same
         * millisecond. Each loop ends at least 100 streams a second, so ten streams end within
         * 100 ms and only many use the whole window. Default 3 s, or the grace period when that
         * is shorter; zero ends every stream at once. Must not exceed
         * {@link #shutdownGracePeriod(Duration)}.
         */
        public Builder streamDrain(Duration window) {
            Objects.requireNonNull(window, "streamDrain");
            if (window.isNegative()) {
                throw new IllegalArgumentException("streamDrain must not be negative: " + window);
            }
            this.streamDrain = window;
            return this;
        }

        /**
         * Open connections allowed from one remote IP address; further ones from it get 503 and
         * are closed, so one client cannot take every connection. Default 0: unlimited (clients
         * behind one NAT share an address, and behind a reverse proxy every client does).
         */
        public Builder maxConnectionsPerAddress(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxConnectionsPerAddress must be 0 (unlimited) or more: " + max);
            }
            this.maxConnectionsPerAddress = max;
            return this;
        }

        /**
         * Reverse proxies in front of the server; default none. Their connections are exempt from
         * {@link #maxConnectionsPerAddress(int)}: a proxy carries many clients, and may send
         * requests of several over one connection, so a per-client connection limit belongs in
         * the proxy (which knows the client's socket), not behind it.
         */
        public Builder trustedProxies(List<InetAddress> proxies) {
            Objects.requireNonNull(proxies, "trustedProxies");
            for (InetAddress proxy : proxies) {
                Objects.requireNonNull(proxy, "trustedProxies must not contain null");
            }
            this.trustedProxies = Set.copyOf(proxies);
            return this;
        }

        /** Length of the kernel's accept queue; default 1024. */
        public Builder backlog(int backlog) {
            if (backlog < 1) {
                throw new IllegalArgumentException("backlog must be at least 1: " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /** How errors the server produces are written (default {@link dev.house.core.http.ErrorFormat#PROBLEM_JSON}). */
        public Builder errorFormat(dev.house.core.http.ErrorFormat format) {
            this.errorFormat = Objects.requireNonNull(format, "errorFormat");
            return this;
        }

        /**
         * Whether to speak HTTP/2 (RFC 9113) besides HTTP/1.1: offered first in TLS ALPN, and
         * recognised by its preface on a plain port (h2c with prior knowledge); default true.
         * Header and body limits are the {@link #limits(HttpLimits) HTTP/1.1 ones}
         * ({@code maxHeaderSize} is advertised as SETTINGS_MAX_HEADER_LIST_SIZE).
         */
        public Builder http2Enabled(boolean enabled) {
            this.http2Enabled = enabled;
            return this;
        }

        /** HTTP/2 streams one connection may have open (more are refused with REFUSED_STREAM); default 128. */
        public Builder http2MaxConcurrentStreams(int streams) {
            if (streams < 1) {
                throw new IllegalArgumentException("http2MaxConcurrentStreams must be at least 1: " + streams);
            }
            this.http2MaxConcurrentStreams = streams;
            return this;
        }

        /**
         * HTTP/2 flow-control window each request body starts with (never more than
         * {@code maxBodySize} is granted in all); default 65,535, the RFC's.
         */
        public Builder http2InitialWindowSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("http2InitialWindowSize must be 1 to 2^31-1: " + bytes);
            }
            this.http2InitialWindowSize = bytes;
            return this;
        }

        /** Largest HTTP/2 frame payload accepted, 16,384 (the default) to 16,777,215 (RFC 9113 §6.5.2). */
        public Builder http2MaxFrameSize(int bytes) {
            if (bytes < 16_384 || bytes > 16_777_215) {
                throw new IllegalArgumentException("http2MaxFrameSize must be 16384 to 16777215: " + bytes);
            }
            this.http2MaxFrameSize = bytes;
            return this;
        }

        public ServerConfig build() {
            if (streamDrain != null && streamDrain.compareTo(shutdownGracePeriod) > 0) {
                throw new IllegalArgumentException("streamDrain (" + streamDrain
                        + ") must not exceed shutdownGracePeriod (" + shutdownGracePeriod
                        + "): streams still open after the grace period are cut without their farewell");
            }
            return new ServerConfig(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
