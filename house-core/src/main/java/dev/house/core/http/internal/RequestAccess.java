package dev.house.core.http.internal;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Request;
import dev.house.core.http.RequestTarget;
import dev.house.core.http.TlsInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The protocols' way into {@link Request}'s non-public construction, in the manner of the JDK's
 * {@code SharedSecrets} and Jetty's internal accessors: {@code Request} keeps its constructor and
 * its exchange bookkeeping package-private and, when its class initialises, installs an
 * {@link Access} here. The package is not exported, so applications cannot build a request that
 * claims to come from a connection (a forged {@link Request#isSecure()}, remote address or id),
 * nor end an exchange early.
 *
 * <p>Every protocol builds its requests here. A protocol whose request head arrives as fields
 * (HTTP/2's pseudo-headers) calls {@link #received(HttpLimits, String, String, HttpVersion,
 * HttpHeaders, byte[], InetSocketAddress, TlsInfo, long, long)}, which applies the rules a request
 * line gets (known method, header count, a safe target); HTTP/1.1's parser, which applied those
 * same rules while reading the request line ({@link #unknownMethod} is the shared 501), calls the
 * form that takes the decoded target. Each protocol calls {@link #endExchange} once the exchange is
 * over (response handed to the connection, stream ended, or client gone), which releases what the
 * request holds (upload temp files).
 */
public final class RequestAccess {

    /** Implemented inside {@link Request} only (checked by {@link #install}). */
    public interface Access {
        Request received(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
                         HttpHeaders headers, byte[] body, int maxParameterCount,
                         InetSocketAddress remote, TlsInfo tls, long id, long receivedNanos);

        void endExchange(Request request);

        void keepForStream(Request request);
    }

    private static final int MAX_ECHOED_METHOD = 20;
    private static volatile Access access;

    private RequestAccess() {
    }

    /**
     * Called once, by {@link Request}'s class initialiser.
     *
     * @throws IllegalStateException when called again, or with an implementation that is not
     *         {@code Request}'s own (so nothing else can slip in first on the class path)
     */
    public static synchronized void install(Access implementation) {
        Objects.requireNonNull(implementation, "implementation");
        if (implementation.getClass().getNestHost() != Request.class) {
            throw new IllegalStateException("only Request installs its access");
        }
        if (access != null) {
            throw new IllegalStateException("Request's access is already installed");
        }
        access = implementation;
    }

    /**
     * A request as a connection received it.
     *
     * @param target            the request target as it arrived (still percent-encoded)
     * @param decoded           {@code target} decoded by {@link RequestTarget#parse(String, HttpMethod, int)}
     *                          (protocols decode it early, to refuse a bad target before the body)
     * @param body              the whole body, or {@code null} for none; not copied
     * @param maxParameterCount the limit {@link Request#formParameters()} applies to the body
     * @param remote            the client's address, or {@code null} when unknown
     * @param tls               the TLS session, or {@code null} over plain TCP: what {@link Request#isSecure()} says
     * @param id                a server-unique number for logs and error replies
     * @param receivedNanos     {@link System#nanoTime()} when the request was complete
     */
    public static Request received(HttpMethod method, String target, RequestTarget decoded, HttpVersion version,
                                   HttpHeaders headers, byte[] body, int maxParameterCount,
                                   InetSocketAddress remote, TlsInfo tls, long id, long receivedNanos) {
        return access().received(method, target, decoded, version, headers, body, maxParameterCount,
                remote, tls, id, receivedNanos);
    }

    /**
     * A request whose head arrived as fields rather than a request line (HTTP/2's pseudo-headers,
     * already validated by that protocol), checked by the rules a parsed request line gets: the
     * method must be known (501), the header fields within {@link HttpLimits#maxHeaderCount()}
     * (431), the target decoded and normalised like a request line's (400).
     *
     * @param body the whole body; {@code null} or empty for none
     * @throws HttpException 501 for an unknown method, 431 for too many fields, 400 for a malformed
     *         or unsafe target
     */
    public static Request received(HttpLimits limits, String method, String target, HttpVersion version,
                                   HttpHeaders headers, byte[] body, InetSocketAddress remote, TlsInfo tls,
                                   long id, long receivedNanos) {
        byte[] name = method.getBytes(StandardCharsets.US_ASCII);
        HttpMethod known = HttpMethod.lookup(name, 0, name.length);
        if (known == null) {
            throw unknownMethod(name, name.length);
        }
        if (headers.size() > limits.maxHeaderCount()) {
            throw new HttpException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "More than " + limits.maxHeaderCount() + " header fields");
        }
        RequestTarget decoded = RequestTarget.parse(target, known, limits.maxParameterCount());
        return received(known, target, decoded, version, headers, body == null || body.length == 0 ? null : body,
                limits.maxParameterCount(), remote, tls, id, receivedNanos);
    }

    /** The 501 for a method token no {@link HttpMethod} matches, naming it when it is short. */
    public static HttpException unknownMethod(byte[] token, int length) {
        return new HttpException(HttpStatus.NOT_IMPLEMENTED, length <= MAX_ECHOED_METHOD
                // A tchar token cannot carry markup or control bytes, so a short one is safe to name.
                ? "Method " + new String(token, 0, length, StandardCharsets.US_ASCII) + " is not implemented"
                : "Method is not implemented");
    }

    /**
     * Releases what {@link Request#closeWhenDone} registered, once the exchange has ended however it
     * ended. Idempotent; a failing resource does not stop the others.
     */
    public static void endExchange(Request request) {
        access().endExchange(request);
    }

    /**
     * The request is kept for the life of its response stream from now on: it drops what it can
     * decode again (the parsed target and query) and its spare header slots, so an idle stream
     * costs little. Called on the stream's loop when the stream opens, before the handler sees it.
     */
    public static void keepForStream(Request request) {
        access().keepForStream(request);
    }

    private static Access access() {
        Access installed = access;
        if (installed == null) {
            try {
                Class.forName(Request.class.getName(), true, Request.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            installed = access;
        }
        return installed;
    }
}
