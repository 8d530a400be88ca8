package dev.house.core.tls;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a server speaks TLS: where its {@link SSLContext} comes from (asked again for every new
 * connection, so a reloaded certificate is picked up without a restart), the protocols and
 * cipher suites, and the handshake's limits. Built with {@link #builder(Supplier)}.
 */
public final class TlsConfig {
    /** TLS 1.3 and 1.2 only. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final Supplier<SSLContext> context;
    private final List<String> protocols;
    private final List<String> cipherSuites;
    private final Duration handshakeTimeout;
    private final int maxHandshakeBytes;

    private TlsConfig(Builder b) {
        this.context = b.context;
        this.protocols = b.protocols;
        this.cipherSuites = b.cipherSuites;
        this.handshakeTimeout = b.handshakeTimeout;
        this.maxHandshakeBytes = b.maxHandshakeBytes;
    }

    /** TLS with a context that never changes. */
    public static TlsConfig of(SSLContext context) {
        Objects.requireNonNull(context, "context");
        return builder(() -> context).build();
    }

    /** @param context asked for the current context on each new connection */
    public static Builder builder(Supplier<SSLContext> context) {
        return new Builder(context);
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public int maxHandshakeBytes() {
        return maxHandshakeBytes;
    }

    public List<String> protocols() {
        return protocols;
    }

    /** The configured suites, or an empty list for the modern default selection. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** A server-side engine for a new connection offering ALPN {@code http/1.1} only. */
    public SSLEngine newEngine() {
        return newEngine(List.of("http/1.1"));
    }

    /**
     * A server-side engine for a new connection, with protocols, suites and the ALPN ids of the
     * protocols the server speaks (in order of preference) applied.
     */
    public SSLEngine newEngine(List<String> applicationProtocols) {
        SSLContext ctx = Objects.requireNonNull(context.get(), "the SSLContext supplier returned null");
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters params = engine.getSSLParameters();
        params.setProtocols(supported(protocols, engine.getSupportedProtocols(), "protocol"));
        String[] suites = cipherSuites.isEmpty()
                ? modernSuites(engine.getEnabledCipherSuites())
                : supported(cipherSuites, engine.getSupportedCipherSuites(), "cipher suite");
        params.setCipherSuites(suites);
        params.setUseCipherSuitesOrder(true);
        params.setApplicationProtocols(applicationProtocols.toArray(new String[0]));
        engine.setSSLParameters(params);
        return engine;
    }

    private static String[] supported(List<String> wanted, String[] available, String what) {
        List<String> have = List.of(available);
        for (String w : wanted) {
            if (!have.contains(w)) {
                throw new IllegalArgumentException("unsupported TLS " + what + ": " + w);
            }
        }
        return wanted.toArray(new String[0]);
    }

    /** AEAD suites with forward secrecy: TLS 1.3 suites and ECDHE with GCM or ChaCha20. */
    static String[] modernSuites(String[] enabled) {
        return java.util.Arrays.stream(enabled)
                .filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")
                        || (s.startsWith("TLS_ECDHE_") && (s.contains("_GCM_") || s.contains("CHACHA20"))))
                .toArray(String[]::new);
    }

    /** Collects {@link TlsConfig} values; each setter validates its argument. */
    public static final class Builder {
        private final Supplier<SSLContext> context;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private List<String> cipherSuites = List.of();
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private int maxHandshakeBytes = 64 * 1024;

        private Builder(Supplier<SSLContext> context) {
            this.context = Objects.requireNonNull(context, "context");
        }

        /** Protocols to enable; default TLSv1.3 and TLSv1.2. */
        public Builder protocols(List<String> protocols) {
            if (protocols.isEmpty()) {
                throw new IllegalArgumentException("at least one TLS protocol is required");
            }
            this.protocols = List.copyOf(protocols);
            return this;
        }

        /** Cipher suites to enable; default: the JDK's enabled AEAD suites with forward secrecy. */
        public Builder cipherSuites(List<String> suites) {
            this.cipherSuites = List.copyOf(suites);
            return this;
        }

        /** Time a client has to finish the handshake; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive: " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /** Bytes a client may send before the handshake completes; default 64 KiB. */
        public Builder maxHandshakeBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxHandshakeBytes must be at least 1024: " + bytes);
            }
            this.maxHandshakeBytes = bytes;
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
