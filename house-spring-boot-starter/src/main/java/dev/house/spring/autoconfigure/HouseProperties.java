package dev.house.spring.autoconfigure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the house server under the {@code house.*} prefix. Values are checked when the
 * server's configuration is built; an invalid one fails start-up naming the property.
 */
@ConfigurationProperties("house")
public class HouseProperties {

    /** Whether to run the house server. */
    private boolean enabled = true;

    /** TCP port to listen on; 0 picks a free port, published as 'local.house.port'. */
    private int port = 8080;

    /** Network address to bind; every interface when unset. */
    private @Nullable InetAddress address;

    /** Number of event-loop threads; the number of available processors when unset. */
    private @Nullable Integer eventLoops;

    /** Length of the kernel's queue of connections waiting to be accepted. */
    private int acceptBacklog = 1024;

    private final Ssl ssl = new Ssl();

    private final Limits limits = new Limits();

    private final Workers workers = new Workers();

    private final Sse sse = new Sse();

    @Name("static")
    private final StaticResources staticResources = new StaticResources();

    private final Cors cors = new Cors();

    private final Session session = new Session();

    private final Shutdown shutdown = new Shutdown();

    private final Errors errors = new Errors();

    private final Security security = new Security();

    private final Http2 http2 = new Http2();

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return this.port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public @Nullable InetAddress getAddress() {
        return this.address;
    }

    public void setAddress(@Nullable InetAddress address) {
        this.address = address;
    }

    public @Nullable Integer getEventLoops() {
        return this.eventLoops;
    }

    public void setEventLoops(@Nullable Integer eventLoops) {
        this.eventLoops = eventLoops;
    }

    public int getAcceptBacklog() {
        return this.acceptBacklog;
    }

    public void setAcceptBacklog(int acceptBacklog) {
        this.acceptBacklog = acceptBacklog;
    }

    public Ssl getSsl() {
        return this.ssl;
    }

    public Limits getLimits() {
        return this.limits;
    }

    public Workers getWorkers() {
        return this.workers;
    }

    public Sse getSse() {
        return this.sse;
    }

    public StaticResources getStaticResources() {
        return this.staticResources;
    }

    public Cors getCors() {
        return this.cors;
    }

    public Session getSession() {
        return this.session;
    }

    public Shutdown getShutdown() {
        return this.shutdown;
    }

    public Errors getErrors() {
        return this.errors;
    }

    public Http2 getHttp2() {
        return this.http2;
    }

    public Security getSecurity() {
        return this.security;
    }

    /** HTTPS. */
    public static class Ssl {

        /** Whether to serve HTTPS when a bundle is named; false serves plain HTTP. */
        private boolean enabled = true;

        /** Name of the SSL bundle ('spring.ssl.bundle.*') to serve HTTPS with; plain HTTP when unset. */
        private @Nullable String bundle;

        /** Time a client has to complete the TLS handshake before the connection is closed. */
        private Duration handshakeTimeout = Duration.ofSeconds(10);

        /** Port of an extra plain-HTTP listener that redirects every request to HTTPS with 308; none when unset. */
        private @Nullable Integer redirectPort;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public @Nullable String getBundle() {
            return this.bundle;
        }

        public void setBundle(@Nullable String bundle) {
            this.bundle = bundle;
        }

        public Duration getHandshakeTimeout() {
            return this.handshakeTimeout;
        }

        public void setHandshakeTimeout(Duration handshakeTimeout) {
            this.handshakeTimeout = handshakeTimeout;
        }

        public @Nullable Integer getRedirectPort() {
            return this.redirectPort;
        }

        public void setRedirectPort(@Nullable Integer redirectPort) {
            this.redirectPort = redirectPort;
        }

        /** Whether HTTPS is on: enabled and a bundle named. */
        boolean isActive() {
            return this.enabled && this.bundle != null;
        }
    }

    /** Limits on requests and connections; each violation has its own status code. */
    public static class Limits {

        /** Maximum size of the request line (method, target, version); longer ones get 414. */
        private DataSize maxRequestLine = DataSize.ofKilobytes(8);

        /** Maximum size of the header section; larger ones get 431. */
        private DataSize maxHeaderSize = DataSize.ofKilobytes(16);

        /** Maximum number of header fields in a request; more get 431. */
        private int maxHeaderCount = 100;

        /** Maximum size of a request body, held in memory; larger ones get 413. */
        private DataSize maxBodySize = DataSize.ofMegabytes(1);

        /**
         * Maximum number of parameters in the query string, and separately in a form body; more
         * get 400 naming the limit. Bounds the work one request's decoding can cost.
         */
        private int maxParameterCount = 1000;

        /** Time from a request's first byte to its last before the server answers 408. */
        private Duration requestTimeout = Duration.ofSeconds(30);

        /** Time a keep-alive connection may wait for its next request before it is closed. */
        private Duration idleTimeout = Duration.ofSeconds(60);

        /**
         * Maximum number of open connections; new ones beyond it get 503. When unset, 10,000 or
         * less when the process's file-descriptor limit minus a headroom (an eighth, at least 64)
         * is lower; a value above that headroom is warned about at start-up.
         */
        private @Nullable Integer maxConnections;

        /**
         * Maximum number of open connections from one remote IP address; further ones get 503 and
         * are closed. 0 (the default) for no limit: clients behind one NAT share an address.
         */
        private int maxConnectionsPerAddress;

        /**
         * Addresses of reverse proxies in front of house; connections from them are not limited
         * per address (limit per client in the proxy, which sees the client's socket).
         */
        private List<InetAddress> trustedProxies = new ArrayList<>();

        /** Unwritten response bytes per connection past which the server stops reading from it. */
        private DataSize maxPendingOutput = DataSize.ofKilobytes(256);

        public DataSize getMaxRequestLine() {
            return this.maxRequestLine;
        }

        public void setMaxRequestLine(DataSize maxRequestLine) {
            this.maxRequestLine = maxRequestLine;
        }

        public DataSize getMaxHeaderSize() {
            return this.maxHeaderSize;
        }

        public void setMaxHeaderSize(DataSize maxHeaderSize) {
            this.maxHeaderSize = maxHeaderSize;
        }

        public int getMaxHeaderCount() {
            return this.maxHeaderCount;
        }

        public void setMaxHeaderCount(int maxHeaderCount) {
            this.maxHeaderCount = maxHeaderCount;
        }

        public DataSize getMaxBodySize() {
            return this.maxBodySize;
        }

        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        public int getMaxParameterCount() {
            return this.maxParameterCount;
        }

        public void setMaxParameterCount(int maxParameterCount) {
            this.maxParameterCount = maxParameterCount;
        }

        public Duration getRequestTimeout() {
            return this.requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public @Nullable Integer getMaxConnections() {
            return this.maxConnections;
        }

        public void setMaxConnections(@Nullable Integer maxConnections) {
            this.maxConnections = maxConnections;
        }

        public int getMaxConnectionsPerAddress() {
            return this.maxConnectionsPerAddress;
        }

        public void setMaxConnectionsPerAddress(int maxConnectionsPerAddress) {
            this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        }

        public List<InetAddress> getTrustedProxies() {
            return this.trustedProxies;
        }

        public void setTrustedProxies(List<InetAddress> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }

        public DataSize getMaxPendingOutput() {
            return this.maxPendingOutput;
        }

        public void setMaxPendingOutput(DataSize maxPendingOutput) {
            this.maxPendingOutput = maxPendingOutput;
        }
    }

    /**
     * Threads for handlers that may block: virtual threads when
     * 'spring.threads.virtual.enabled' is true on Java 21+, else this bounded pool.
     */
    public static class Workers {

        /** Maximum number of pooled worker threads. */
        private int maxThreads = 200;

        /** Maximum number of requests waiting for a pooled worker; more get 503. */
        private int queueCapacity = 10_000;

        public int getMaxThreads() {
            return this.maxThreads;
        }

        public void setMaxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
        }

        public int getQueueCapacity() {
            return this.queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }
    }

    /** Server-sent event channels. */
    public static class Sse {

        /** Idle time after which a stream gets a heartbeat comment to keep proxies from closing it. */
        private Duration heartbeat = Duration.ofSeconds(15);

        /** Reconnection delay sent to clients as 'retry:' when a stream opens and before shutdown. */
        private Duration retry = Duration.ofSeconds(3);

        /** Number of events retained per channel for replay after a reconnect. */
        private int historySize = 1000;

        /** How long a retained event stays replayable. */
        private Duration historyTtl = Duration.ofMinutes(5);

        /** Estimated memory the history of all channels may hold together; the oldest events go first. */
        private DataSize historyMemoryCap = DataSize.ofMegabytes(64);

        /** Unwritten bytes per subscriber past which it is disconnected as too slow. */
        private DataSize maxPendingBytes = DataSize.ofKilobytes(256);

        /** Maximum number of channels one stream may subscribe to. */
        private int maxChannelsPerStream = 16;

        /**
         * Maximum number of channels kept at once (local broker). Past it, creating a channel
         * forgets the least recently used channel without subscribers, history included.
         */
        private int maxChannels = 100_000;

        public Duration getHeartbeat() {
            return this.heartbeat;
        }

        public void setHeartbeat(Duration heartbeat) {
            this.heartbeat = heartbeat;
        }

        public Duration getRetry() {
            return this.retry;
        }

        public void setRetry(Duration retry) {
            this.retry = retry;
        }

        public int getHistorySize() {
            return this.historySize;
        }

        public void setHistorySize(int historySize) {
            this.historySize = historySize;
        }

        public Duration getHistoryTtl() {
            return this.historyTtl;
        }

        public void setHistoryTtl(Duration historyTtl) {
            this.historyTtl = historyTtl;
        }

        public DataSize getHistoryMemoryCap() {
            return this.historyMemoryCap;
        }

        public void setHistoryMemoryCap(DataSize historyMemoryCap) {
            this.historyMemoryCap = historyMemoryCap;
        }

        public DataSize getMaxPendingBytes() {
            return this.maxPendingBytes;
        }

        public void setMaxPendingBytes(DataSize maxPendingBytes) {
            this.maxPendingBytes = maxPendingBytes;
        }

        public int getMaxChannelsPerStream() {
            return this.maxChannelsPerStream;
        }

        public void setMaxChannelsPerStream(int maxChannelsPerStream) {
            this.maxChannelsPerStream = maxChannelsPerStream;
        }

        public int getMaxChannels() {
            return this.maxChannels;
        }

        public void setMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
        }

        private final Presence presence = new Presence();

        public Presence getPresence() {
            return this.presence;
        }

        /** Who is on a channel: identities the application gives its streams, and join/leave events. */
        public static class Presence {

            /** How long an identity stays present after its last stream ended: a reconnect within it shows no leave/join. */
            private Duration grace = Duration.ofSeconds(5);

            /** Window over which a channel's joins and leaves are gathered into one event each. */
            private Duration batch = Duration.ofMillis(200);

            /** Most identities listed in one presence answer or one join/leave event. */
            private int maxAnswer = 100;

            /**
             * Channels whose subscribers get 'house-join' and 'house-leave' events: names, or
             * prefixes ending with '*' ('*' alone for every channel). None by default.
             */
            private List<String> events = new ArrayList<>();

            public Duration getGrace() {
                return this.grace;
            }

            public void setGrace(Duration grace) {
                this.grace = grace;
            }

            public Duration getBatch() {
                return this.batch;
            }

            public void setBatch(Duration batch) {
                this.batch = batch;
            }

            public int getMaxAnswer() {
                return this.maxAnswer;
            }

            public void setMaxAnswer(int maxAnswer) {
                this.maxAnswer = maxAnswer;
            }

            public List<String> getEvents() {
                return this.events;
            }

            public void setEvents(List<String> events) {
                this.events = events;
            }
        }
    }

    /** Static files served from the classpath or the file system. */
    public static class StaticResources {

        /** Whether to serve static files. */
        private boolean enabled = true;

        /** Locations of static files ('classpath:' or 'file:'), searched in order. */
        private List<String> locations = new ArrayList<>(List.of("classpath:/static/"));

        /** Path prefix under which static files are served. */
        private String pathPrefix = "/";

        /** Value of the 'Cache-Control' header on static files. */
        private String cacheControl = "no-cache";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getLocations() {
            return this.locations;
        }

        public void setLocations(List<String> locations) {
            this.locations = locations;
        }

        public String getPathPrefix() {
            return this.pathPrefix;
        }

        public void setPathPrefix(String pathPrefix) {
            this.pathPrefix = pathPrefix;
        }

        public String getCacheControl() {
            return this.cacheControl;
        }

        public void setCacheControl(String cacheControl) {
            this.cacheControl = cacheControl;
        }
    }

    /** Cross-origin resource sharing; off while no origin is allowed. */
    public static class Cors {

        /** Origins allowed to make cross-origin requests ('scheme://host[:port]', or '*' for any). */
        private List<String> allowedOrigins = new ArrayList<>();

        /** HTTP methods a preflight request approves. */
        private List<String> allowedMethods = new ArrayList<>(List.of("GET", "HEAD", "POST"));

        /** Request headers a preflight request approves ('*' for whatever is asked). */
        private List<String> allowedHeaders = new ArrayList<>();

        /** Response headers that scripts may read. */
        private List<String> exposedHeaders = new ArrayList<>();

        /** Whether cross-origin requests may carry credentials such as cookies. */
        private boolean allowCredentials;

        /** How long browsers may cache a preflight answer; left to the browser when unset. */
        private @Nullable Duration maxAge;

        public List<String> getAllowedOrigins() {
            return this.allowedOrigins;
        }

        public void setAllowedOrigins(List<String> allowedOrigins) {
            this.allowedOrigins = allowedOrigins;
        }

        public List<String> getAllowedMethods() {
            return this.allowedMethods;
        }

        public void setAllowedMethods(List<String> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public List<String> getAllowedHeaders() {
            return this.allowedHeaders;
        }

        public void setAllowedHeaders(List<String> allowedHeaders) {
            this.allowedHeaders = allowedHeaders;
        }

        public List<String> getExposedHeaders() {
            return this.exposedHeaders;
        }

        public void setExposedHeaders(List<String> exposedHeaders) {
            this.exposedHeaders = exposedHeaders;
        }

        public boolean isAllowCredentials() {
            return this.allowCredentials;
        }

        public void setAllowCredentials(boolean allowCredentials) {
            this.allowCredentials = allowCredentials;
        }

        public @Nullable Duration getMaxAge() {
            return this.maxAge;
        }

        public void setMaxAge(@Nullable Duration maxAge) {
            this.maxAge = maxAge;
        }
    }

    /** In-memory sessions, created only when a handler asks for one. */
    public static class Session {

        /** Whether handlers can have sessions (a cookie-carrying interceptor then runs around every route). */
        private boolean enabled = true;

        /** How long a session lives without being used. */
        private Duration idleTimeout = Duration.ofMinutes(30);

        /** Maximum number of sessions kept; creating one more evicts the least recently used. */
        private int maxSessions = 10_000;

        /** Name of the session cookie. */
        private String cookieName = "house-session";

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getIdleTimeout() {
            return this.idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }

        public int getMaxSessions() {
            return this.maxSessions;
        }

        public void setMaxSessions(int maxSessions) {
            this.maxSessions = maxSessions;
        }

        public String getCookieName() {
            return this.cookieName;
        }

        public void setCookieName(String cookieName) {
            this.cookieName = cookieName;
        }
    }

    /**
     * HTTP/2 (RFC 9113): offered first in TLS ALPN ('h2'), and with prior knowledge on a plain
     * port (h2c). Header and body limits are the 'house.limits' ones.
     */
    public static class Http2 {

        /** Whether to speak HTTP/2 besides HTTP/1.1 (ALPN 'h2' over TLS, prior-knowledge h2c on a plain port). */
        private boolean enabled = true;

        /** Streams one HTTP/2 connection may have open at once (SETTINGS_MAX_CONCURRENT_STREAMS); more are refused. */
        private int maxConcurrentStreams = 128;

        /** Flow-control window each HTTP/2 request body starts with (SETTINGS_INITIAL_WINDOW_SIZE); never more than 'house.limits.max-body-size' is granted. */
        private DataSize initialWindowSize = DataSize.ofBytes(65_535);

        /** Largest HTTP/2 frame payload accepted (SETTINGS_MAX_FRAME_SIZE), 16KB to 16MB - 1. */
        private DataSize maxFrameSize = DataSize.ofKilobytes(16);

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getMaxConcurrentStreams() {
            return this.maxConcurrentStreams;
        }

        public void setMaxConcurrentStreams(int maxConcurrentStreams) {
            this.maxConcurrentStreams = maxConcurrentStreams;
        }

        public DataSize getInitialWindowSize() {
            return this.initialWindowSize;
        }

        public void setInitialWindowSize(DataSize initialWindowSize) {
            this.initialWindowSize = initialWindowSize;
        }

        public DataSize getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(DataSize maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }
    }

    /** Graceful shutdown. */
    public static class Shutdown {

        /** Time in-flight requests get to finish when the server stops; streams are then ended. */
        private Duration gracePeriod = Duration.ofSeconds(10);

        /**
         * Window over which a stopping server ends its SSE streams, spread evenly with jittered
         * 'retry:' hints so that clients do not all reconnect to the other nodes at once; at most
         * the grace period. Unset: 3s, or the grace period when shorter; 0: all at once.
         */
        private @Nullable Duration streamDrain;

        public Duration getGracePeriod() {
            return this.gracePeriod;
        }

        public void setGracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
        }

        public @Nullable Duration getStreamDrain() {
            return this.streamDrain;
        }

        public void setStreamDrain(@Nullable Duration streamDrain) {
            this.streamDrain = streamDrain;
        }
    }

    /** The errors house produces itself (routing, parser, handler failures, overload). */
    public static class Errors {

        /**
         * How their bodies are written: problem-json (RFC 9457 application/problem+json with type,
         * title, status, detail and the request id as instance) or text (the detail as text/plain).
         */
        private dev.house.core.http.ErrorFormat format = dev.house.core.http.ErrorFormat.PROBLEM_JSON;

        public dev.house.core.http.ErrorFormat getFormat() {
            return this.format;
        }

        public void setFormat(dev.house.core.http.ErrorFormat format) {
            this.format = format;
        }
    }

    /** Spring Security for house routes and SSE streams, when Spring Security is on the class path. */
    public static class Security {

        /**
         * Whether house applies Spring Security to its routes and streams; false leaves them open
         * (and logs a warning at start-up).
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return this.enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
