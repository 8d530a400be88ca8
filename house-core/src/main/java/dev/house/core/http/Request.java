package dev.house.core.http;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * A parsed HTTP request: method, decoded and normalised path, decoded query parameters, headers
 * and the whole (size-limited) body. Created by the server's parser, or by {@link #builder} for
 * tests. Attributes let interceptors hand values (a user, a session) to the handler.
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];

    private final HttpMethod method;
    private final String target;
    private final RequestTarget decoded;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final int maxParameterCount;
    private InetSocketAddress remoteAddress;
    private TlsInfo tls;
    private long id;
    private long receivedNanos;
    private Map<String, Object> attributes;
    /** Released when the exchange ends (temporary upload files); touched by one thread at a time. */
    private List<AutoCloseable> closeAtEnd;

    Request(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
            HttpHeaders headers, byte[] body) {
        this(method, target, decoded, version, headers, body, HttpLimits.DEFAULT_MAX_PARAMETER_COUNT);
    }

    /** @param maxParameterCount the limit {@link #formParameters()} applies to the body */
    Request(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
            HttpHeaders headers, byte[] body, int maxParameterCount) {
        this.maxParameterCount = maxParameterCount;
        this.method = method;
        this.target = target;
        this.decoded = decoded;
        this.version = version;
        this.headers = headers;
        this.body = body == null ? NO_BODY : body;
        // HTTP/2 connections are persistent by definition (RFC 9113 §8.2.2 forbids Connection).
        this.keepAlive = version == HttpVersion.HTTP_2 || (version == HttpVersion.HTTP_1_1
                ? !headers.containsToken("Connection", "close")
                : headers.containsToken("Connection", "keep-alive"));
    }

    /** A request for tests and tools; the target is decoded exactly as the server does. */
    public static Builder builder(HttpMethod method, String target) {
        return new Builder(method, target);
    }

    public HttpMethod method() {
        return method;
    }

    /** The request target as it appeared on the request line (still percent-encoded). */
    public String target() {
        return target;
    }

    /** The percent-decoded, normalised path ({@code *} for {@code OPTIONS *}). */
    public String path() {
        return decoded.path();
    }

    /** The query string as received, without the {@code ?}, or {@code null} when absent. */
    public String rawQuery() {
        return decoded.rawQuery();
    }

    /** Decoded query parameters in the order received; a repeated name has several values. */
    public Map<String, List<String>> queryParameters() {
        return decoded.queryParameters();
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name) {
        List<String> values = decoded.queryParameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public HttpVersion version() {
        return version;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Shorthand for {@code headers().get(name)}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The body bytes (empty when there was none). Shared: do not modify. */
    public byte[] body() {
        return body;
    }

    /**
     * The body as text in the charset {@code Content-Type} names (UTF-8 when none), decoded by
     * {@link BodyText}'s one rule.
     *
     * @throws HttpException 415 for a charset other than UTF-8, US-ASCII or ISO-8859-1, 400 when
     *         the bytes are not valid text in it
     */
    public String bodyText() {
        return BodyText.of(this);
    }

    /**
     * The body's {@code application/x-www-form-urlencoded} fields in order (a repeated name has
     * several values), decoded by the same rules as the query string: text by {@link #bodyText()},
     * escapes as strict UTF-8, at most {@link HttpLimits#maxParameterCount()} of them. Linear in
     * the body's size whatever its shape. The caller checks the media type.
     *
     * @throws HttpException 400 naming the parameter whose text is malformed, or the limit
     *         exceeded; 415 for an unsupported charset
     */
    public Map<String, List<String>> formParameters() {
        Charset charset = BodyText.textCharset(this);
        if (charset.equals(StandardCharsets.UTF_8)) {
            // One char per byte, validated as UTF-8 parameter by parameter, so the error can name it.
            return FormDecoder.decode(new String(body, StandardCharsets.ISO_8859_1), "form body", maxParameterCount,
                    true);
        }
        return FormDecoder.decode(bodyText(), "form body", maxParameterCount);
    }

    /** The media type of the body without parameters, lower-cased, or {@code null}. */
    public String mediaType() {
        String ct = headers.get("Content-Type");
        if (ct == null) {
            return null;
        }
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the connection stays open after this exchange, as the client asked. */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** The client's address, or {@code null} for a request not read from a socket. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Whether the request arrived over TLS. */
    public boolean isSecure() {
        return tls != null;
    }

    /** The TLS session (protocol, cipher, SNI host name), or {@code null} over plain TCP. */
    public TlsInfo tls() {
        return tls;
    }

    /** A server-unique number for this request, for logs and error replies. */
    public long id() {
        return id;
    }

    public Object attribute(String name) {
        return attributes == null ? null : attributes.get(name);
    }

    public void attribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>(4);
        }
        attributes.put(name, value);
    }

    /**
     * Registers something to release when the exchange ends, however it ends: the response was
     * produced (and handed to the connection), or the client left first. Used for the temporary
     * files of multipart uploads, whichever way the body was read.
     */
    public void closeWhenDone(AutoCloseable resource) {
        Objects.requireNonNull(resource, "resource");
        if (closeAtEnd == null) {
            closeAtEnd = new ArrayList<>(1);
        }
        closeAtEnd.add(resource);
    }

    /**
     * Releases what {@link #closeWhenDone} registered; called by the server once the exchange has
     * ended. Idempotent; a failing resource does not stop the others.
     */
    public void endExchange() {
        List<AutoCloseable> resources = closeAtEnd;
        closeAtEnd = null;
        if (resources == null) {
            return;
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Request.class).warn("request {}: releasing {} failed", id, resource, e);
            }
        }
    }

    /** {@link System#nanoTime()} when the request was complete, for measuring its handling. */
    public long receivedNanos() {
        return receivedNanos;
    }

    /**
     * Facts of the connection that read this request. Package-private on purpose: what
     * {@link #isSecure()} says decides a session cookie's {@code Secure} flag, so no application
     * code may change it; the parser sets it ({@link RequestParser#request(InetSocketAddress, TlsInfo,
     * long, long)}).
     */
    void received(InetSocketAddress remote, TlsInfo tls, long id, long nanos) {
        this.remoteAddress = remote;
        this.tls = tls;
        this.id = id;
        this.receivedNanos = nanos;
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version.text();
    }

    /** Builds a {@link Request} without a socket. */
    public static final class Builder {
        private final HttpMethod method;
        private final String target;
        private HttpVersion version = HttpVersion.HTTP_1_1;
        private final HttpHeaders headers = new HttpHeaders();
        private byte[] body = NO_BODY;
        private TlsInfo tls;

        private Builder(HttpMethod method, String target) {
            this.method = Objects.requireNonNull(method, "method");
            this.target = Objects.requireNonNull(target, "target");
        }

        public Builder version(HttpVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public Builder header(String name, String value) {
            headers.add(name, value);
            return this;
        }

        public Builder body(byte[] body) {
            this.body = Objects.requireNonNull(body, "body");
            return this;
        }

        public Builder body(String body) {
            return body(body.getBytes(StandardCharsets.UTF_8));
        }

        /** Builds the request as if it came over TLS with {@code tls} (tests, in-process calls). */
        public Builder tls(TlsInfo tls) {
            this.tls = tls;
            return this;
        }

        /** @throws HttpException 400 when the target is not a valid, safe request target */
        public Request build() {
            RequestTarget decoded = RequestTarget.parse(target, method);
            if (!headers.contains("Host") && version == HttpVersion.HTTP_1_1) {
                headers.add("Host", decoded.authority() != null ? decoded.authority() : "localhost");
            }
            Request request = new Request(method, target, decoded, version, headers, body);
            if (tls != null) {
                request.received(null, tls, 0, System.nanoTime());
            }
            return request;
        }
    }
}
