package dev.house.core.http;

import dev.house.core.http.internal.RequestAccess;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * A parsed HTTP request: method, decoded and normalised path, decoded query parameters, headers
 * and the whole (size-limited) body. Created by the server's protocols, or by {@link #builder} for
 * tests. Attributes let interceptors hand values (a user, a session) to the handler.
 */
public final class Request {
    private static final byte[] NO_BODY = new byte[0];
    /** Attributes kept in a list before they move to a hash map; more than a few is rare. */
    private static final int MAX_LISTED_ATTRIBUTES = 8;

    private final HttpMethod method;
    private final String target;
    /**
     * The decoded target; dropped once the request is kept for the life of a response stream
     * ({@link #keepForStream}), after which it is decoded again from {@link #target} when asked.
     */
    private RequestTarget decoded;
    private final HttpVersion version;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final int maxParameterCount;
    private final InetSocketAddress remoteAddress;
    private final TlsInfo tls;
    private final long id;
    private final long receivedNanos;
    /**
     * Attribute names and values side by side, searched in order: a request carries a handful (a
     * session mark, path variables, an observation), and a short scan beats a hash map's set-up per
     * request. Past {@link #MAX_LISTED_ATTRIBUTES} they move to {@link #manyAttributes}.
     */
    private Object[] attributes;
    private int attributeCount;
    private Map<String, Object> manyAttributes;
    /** Released when the exchange ends (temporary upload files); touched by one thread at a time. */
    private List<AutoCloseable> closeAtEnd;

    static {
        RequestAccess.install(new RequestAccess.Access() {
            @Override
            public Request received(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
                                    HttpHeaders headers, byte[] body, int maxParameterCount,
                                    InetSocketAddress remote, TlsInfo tls, long id, long receivedNanos) {
                return new Request(method, target, decoded, version, headers, body, maxParameterCount,
                        remote, tls, id, receivedNanos);
            }

            @Override
            public void endExchange(Request request) {
                request.endExchange();
            }

            @Override
            public void keepForStream(Request request) {
                request.keepForStream();
            }
        });
    }

    /**
     * Private on purpose, like the connection facts it sets: what {@link #isSecure()} says decides
     * a session cookie's {@code Secure} flag, so only the protocols (through the unexported
     * {@code http.internal.RequestAccess}) and {@link Builder} (for tests, without a connection) make requests.
     *
     * @param maxParameterCount the limit {@link #formParameters()} applies to the body
     */
    private Request(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
                    HttpHeaders headers, byte[] body, int maxParameterCount,
                    InetSocketAddress remote, TlsInfo tls, long id, long receivedNanos) {
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
        this.remoteAddress = remote;
        this.tls = tls;
        this.id = id;
        this.receivedNanos = receivedNanos;
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
        return decoded().path();
    }

    /** The query string as received, without the {@code ?}, or {@code null} when absent. */
    public String rawQuery() {
        return decoded().rawQuery();
    }

    /** Decoded query parameters in the order received; a repeated name has several values. */
    public Map<String, List<String>> queryParameters() {
        return decoded().queryParameters();
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParameter(String name) {
        List<String> values = decoded().queryParameters().get(name);
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

    /** The value an interceptor or the router attached under {@code name}, or {@code null}. */
    public Object attribute(String name) {
        if (manyAttributes != null) {
            return manyAttributes.get(name);
        }
        int at = attributeIndex(name);
        return at < 0 ? null : attributes[at + 1];
    }

    /** Attaches {@code value} under {@code name} (replacing what was there) for the rest of the exchange. */
    public void attribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (manyAttributes != null) {
            manyAttributes.put(name, value);
            return;
        }
        int at = attributeIndex(name);
        if (at >= 0) {
            attributes[at + 1] = value;
        } else if (attributeCount == MAX_LISTED_ATTRIBUTES) {
            manyAttributes = new HashMap<>(2 * MAX_LISTED_ATTRIBUTES);
            for (int i = 0; i < 2 * attributeCount; i += 2) {
                manyAttributes.put((String) attributes[i], attributes[i + 1]);
            }
            manyAttributes.put(name, value);
            attributes = null;
        } else {
            if (attributes == null) {
                attributes = new Object[4];
            } else if (2 * attributeCount == attributes.length) {
                attributes = Arrays.copyOf(attributes, 2 * attributes.length);
            }
            attributes[2 * attributeCount] = name;
            attributes[2 * attributeCount + 1] = value;
            attributeCount++;
        }
    }

    private int attributeIndex(String name) {
        for (int i = 0; i < 2 * attributeCount; i += 2) {
            Object key = attributes[i];
            if (key == name || key.equals(name)) {
                return i;
            }
        }
        return -1;
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

    /** Releases what {@link #closeWhenDone} registered; called through {@code RequestAccess.endExchange}. */
    private void endExchange() {
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

    private RequestTarget decoded() {
        RequestTarget d = decoded;
        // Not stored back: a stream's request is rarely read, and an idle stream should stay small.
        // The target was decoded once already, so this cannot fail.
        return d != null ? d : RequestTarget.parse(target, method, maxParameterCount);
    }

    /**
     * The request now lives as long as its response stream (an SSE subscription may idle for
     * hours): keep the target as received and nothing decoded from it, and no spare header slots.
     * Racing readers on other threads see the old value or decode again; both read the same.
     */
    private void keepForStream() {
        headers.trimToSize();
        decoded = null;
    }

    /** {@link System#nanoTime()} when the request was complete, for measuring its handling. */
    public long receivedNanos() {
        return receivedNanos;
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
            return new Request(method, target, decoded, version, headers, body,
                    HttpLimits.DEFAULT_MAX_PARAMETER_COUNT, null, tls, 0, tls != null ? System.nanoTime() : 0);
        }
    }
}
