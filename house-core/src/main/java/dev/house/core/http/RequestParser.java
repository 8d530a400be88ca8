package dev.house.core.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Incremental, strict HTTP/1.1 request parser (RFC 9112). Fed whatever bytes arrived, split
 * anywhere; never blocks, never allocates per byte, and only ever yields a request or an
 * {@link HttpError}. One instance per connection, reused for each pipelined request.
 *
 * <p>Call {@link #parse} until it returns something other than {@link Result#NEED_MORE} or the
 * buffer is empty. {@link Result#HEAD} comes once per request when its header section is done
 * ({@link #head()}), then {@link Result#COMPLETE} when its body is read ({@link #request()}).
 * After {@link Result#ERROR} the parser is finished with this connection.
 *
 * <p>It is one of the biggest classes of the core on purpose: every state of an HTTP/1.1 message
 * (request line, header fields, fixed-length body, chunk size line, chunk data, trailers) is an
 * explicit state of one machine with its RFC rule beside it, so a reviewer can check the rules in
 * one place, and the fuzz and split-feeding tests cover them all at once.
 *
 * <pre>{@code
 * RequestParser parser = new RequestParser(HttpLimits.defaults());
 * switch (parser.parse(buffer)) {
 *     case NEED_MORE -> readMore();                              // buffer fully consumed
 *     case HEAD -> { if (parser.head().expectContinue()) send100(); parse again }
 *     case COMPLETE -> { handle(parser.request()); parser.reset(); parse the rest }
 *     case ERROR -> sendAndClose(parser.error());
 * }
 * }</pre>
 *
 * <p>Wire policies, applied the same way to the request line, header fields, chunk lines and
 * trailers:
 * <ul>
 *   <li>Lines end with CRLF; a bare LF is accepted as the end of a line (RFC 9112 section 2.2
 *       allows it); a CR anywhere else is refused with 400.</li>
 *   <li>Any number of empty lines before a request line are skipped (RFC 9112 section 2.2), up to
 *       {@link HttpLimits#maxRequestLine()} bytes of them.</li>
 *   <li>Header values are trimmed of optional whitespace and decoded as ISO-8859-1, so obs-text
 *       bytes 0x80-0xFF survive unchanged and can be re-decoded by whoever knows better.</li>
 *   <li>Limits: request line (excluding CRLF) over {@link HttpLimits#maxRequestLine()}: 414.
 *       Header section (every header line with its terminator, and the empty line) over
 *       {@link HttpLimits#maxHeaderSize()} bytes or {@link HttpLimits#maxHeaderCount()} fields: 431.
 *       Trailers count against the same two limits. Declared or chunked body over
 *       {@link HttpLimits#maxBodySize()}: 413, for a declared length instead of {@link Result#HEAD}.</li>
 *   <li>Chunk extensions are validated and ignored; one chunk-size line is at most
 *       {@value #MAX_CHUNK_LINE} bytes and all extensions of a body together at most
 *       {@link HttpLimits#maxHeaderSize()} bytes. Trailer fields are validated and discarded, never
 *       merged into the headers (RFC 9110 section 6.5.1), so they cannot override framing.</li>
 *   <li>In absolute-form ({@code GET http://host/p HTTP/1.1}) the target's authority replaces the
 *       Host field (RFC 9112 section 3.2.2); HTTP/1.1 still has to send exactly one Host.</li>
 * </ul>
 *
 * <p>The parser reads whole lines into one reusable byte array and validates a line when its LF
 * arrives; that keeps each rule in one place and makes the outcome independent of how the
 * bytes were split. The array grows only up to the limit in force and is dropped by {@link #reset()},
 * so an idle keep-alive or SSE connection holds no buffer at all.
 */
public final class RequestParser {

    /** What a call to {@link #parse} achieved. */
    public enum Result { NEED_MORE, HEAD, COMPLETE, ERROR }

    /** Largest chunk-size line, extensions included: generous for real extensions, small for abuse. */
    static final int MAX_CHUNK_LINE = 1024;

    private static final int INITIAL_LINE_CAPACITY = 256;
    private static final int INITIAL_BODY_CAPACITY = 8 * 1024;
    private static final int MAX_ECHOED_METHOD = 20;
    private static final byte[] NO_BYTES = new byte[0];

    // readLine outcomes besides a non-negative line length
    private static final int LINE_INCOMPLETE = -1;
    private static final int LINE_TOO_LONG = -2;
    private static final int LINE_BARE_CR = -3;

    private enum State {
        /** Skipping empty lines before the request line. */
        START,
        /** Skipping an empty line whose CR has been seen; the LF must follow. */
        START_CR,
        REQUEST_LINE,
        HEADER_LINE,
        /** HEAD was returned; the next call starts the body. */
        HEAD_DONE,
        CONTENT,
        CHUNK_SIZE,
        CHUNK_DATA,
        /** The CRLF that ends a chunk's data. */
        CHUNK_DATA_END,
        TRAILER_LINE,
        COMPLETE,
        ERROR
    }

    private final HttpLimits limits;

    private State state = State.START;
    private boolean inProgress;

    /** The current line; {@link #NO_BYTES} while idle. */
    private byte[] line = NO_BYTES;
    private int lineLength;
    /** Raw size of the line just read, terminator included. */
    private int lineRawSize;
    private int skippedEmptyBytes;

    private HttpMethod method;
    private String target;
    private RequestTarget decodedTarget;
    private HttpVersion version;
    private HttpHeaders headers;
    private int headerBytes;
    private int headerCount;
    /** Where the colon is in the header line just checked. */
    private int colon;
    private RequestHead head;

    private byte[] body;
    private int bodySize;
    /** Bytes still expected: of the whole body (CONTENT) or of the current chunk (CHUNK_DATA). */
    private long remaining;
    private int chunkExtensionBytes;

    private Request request;
    private HttpError error;

    public RequestParser(HttpLimits limits) {
        this.limits = limits;
    }

    /**
     * Consumes bytes from {@code in}, advancing its position past what was used. Returns
     * {@link Result#NEED_MORE} only once every remaining byte has been consumed; bytes after a
     * complete request stay in {@code in} for the next one.
     */
    public Result parse(ByteBuffer in) {
        try {
            while (true) {
                Result result = switch (state) {
                    case START, START_CR -> skipEmptyLines(in);
                    case REQUEST_LINE -> requestLine(in);
                    case HEADER_LINE -> headerLine(in);
                    case HEAD_DONE -> startBody();
                    case CONTENT -> content(in);
                    case CHUNK_SIZE -> chunkSize(in);
                    case CHUNK_DATA -> chunkData(in);
                    case CHUNK_DATA_END -> chunkDataEnd(in);
                    case TRAILER_LINE -> trailerLine(in);
                    case COMPLETE -> Result.COMPLETE;
                    case ERROR -> Result.ERROR;
                };
                if (result != null) {
                    return result;
                }
            }
        } catch (HttpException e) {
            return fail(e.status(), e.getMessage());
        }
    }

    /** The current request's head; valid from {@link Result#HEAD} until {@link #reset()}. */
    public RequestHead head() {
        if (head == null) {
            throw new IllegalStateException("No request head has been parsed");
        }
        return head;
    }

    /** The complete request; valid after {@link Result#COMPLETE} until {@link #reset()}. */
    public Request request() {
        if (request == null) {
            throw new IllegalStateException("No complete request has been parsed");
        }
        return request;
    }

    /**
     * The request parsed, stamped with the facts of the connection that read it; valid after
     * {@link Result#COMPLETE}. The only way those facts get into a request.
     */
    public Request request(InetSocketAddress remote, TlsInfo tls, long id, long nanos) {
        Request complete = request();
        complete.received(remote, tls, id, nanos);
        return complete;
    }

    /**
     * A request whose head arrived as fields rather than a request line (HTTP/2's pseudo-headers,
     * already validated by that protocol), checked by the same rules as a parsed one: the method
     * must be known (501), the target is decoded and normalised like a request line's (400), and
     * the request is stamped with the facts of the connection that read it.
     *
     * @throws HttpException 501 for an unknown method, 400 for a malformed or unsafe target
     */
    public static Request request(HttpLimits limits, String method, String target, HttpVersion version,
                                  HttpHeaders headers, byte[] body, InetSocketAddress remote, TlsInfo tls,
                                  long id, long nanos) {
        byte[] name = method.getBytes(StandardCharsets.US_ASCII);
        HttpMethod known = HttpMethod.lookup(name, 0, name.length);
        if (known == null) {
            throw new HttpException(HttpStatus.NOT_IMPLEMENTED, name.length <= MAX_ECHOED_METHOD
                    ? "Method " + method + " is not implemented"
                    : "Method is not implemented");
        }
        if (headers.size() > limits.maxHeaderCount()) {
            throw new HttpException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "More than " + limits.maxHeaderCount() + " header fields");
        }
        RequestTarget decoded = RequestTarget.parse(target, known, limits.maxParameterCount());
        Request request = new Request(known, target, decoded, version, headers,
                body == null || body.length == 0 ? null : body, limits.maxParameterCount());
        request.received(remote, tls, id, nanos);
        return request;
    }

    /** Why the message was refused; valid after {@link Result#ERROR}. */
    public HttpError error() {
        if (error == null) {
            throw new IllegalStateException("The parser has not refused a message");
        }
        return error;
    }

    /** Whether any byte of the next request has been consumed (for request vs idle timeouts). */
    public boolean inProgress() {
        return inProgress;
    }

    /** Prepares for the next request on the connection, releasing per-request buffers. */
    public void reset() {
        state = State.START;
        inProgress = false;
        line = NO_BYTES;
        lineLength = 0;
        lineRawSize = 0;
        skippedEmptyBytes = 0;
        method = null;
        target = null;
        decodedTarget = null;
        version = null;
        headers = null;
        headerBytes = 0;
        headerCount = 0;
        head = null;
        body = null;
        bodySize = 0;
        remaining = 0;
        chunkExtensionBytes = 0;
        request = null;
        error = null;
    }

    HttpLimits limits() {
        return limits;
    }

    /** Capacity of the line accumulator, for tests that check an idle parser holds no buffer. */
    int lineCapacity() {
        return line.length;
    }

    /** Capacity of the body accumulator (0 when none), for tests. */
    int bodyCapacity() {
        return body == null ? 0 : body.length;
    }

    // ---- request line -------------------------------------------------------------------------

    private Result skipEmptyLines(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get(in.position());
            if (state == State.START_CR) {
                if (b != '\n') {
                    throw HttpException.badRequest("Bare CR before the request line");
                }
                state = State.START;
            } else if (b == '\r') {
                state = State.START_CR;
            } else if (b != '\n') {
                state = State.REQUEST_LINE;
                inProgress = true;
                return null;
            }
            in.position(in.position() + 1);
            if (++skippedEmptyBytes > limits.maxRequestLine()) {
                throw HttpException.badRequest("Too many empty lines before the request line");
            }
        }
        return Result.NEED_MORE;
    }

    private Result requestLine(ByteBuffer in) {
        int len = readLine(in, limits.maxRequestLine() + 2);
        if (len == LINE_INCOMPLETE) {
            return Result.NEED_MORE;
        }
        if (len == LINE_TOO_LONG || len > limits.maxRequestLine()) {
            throw new HttpException(HttpStatus.URI_TOO_LONG,
                    "Request line is longer than " + limits.maxRequestLine() + " bytes");
        }
        if (len == LINE_BARE_CR) {
            throw HttpException.badRequest("Bare CR in the request line");
        }
        parseRequestLine(len);
        headers = new HttpHeaders();
        state = State.HEADER_LINE;
        return null;
    }

    /** {@code method SP request-target SP HTTP-version}, each separated by exactly one SP. */
    private void parseRequestLine(int len) {
        byte[] l = line;
        int methodEnd = 0;
        while (methodEnd < len && HttpSyntax.isTchar(l[methodEnd])) {
            methodEnd++;
        }
        if (methodEnd == 0) {
            throw HttpException.badRequest("Request line must start with a method");
        }
        if (methodEnd == len || l[methodEnd] != ' ') {
            throw HttpException.badRequest(methodEnd == len
                    ? "Request line must be 'method target version'"
                    : "Invalid character in method");
        }
        int targetStart = methodEnd + 1;
        int targetEnd = targetStart;
        while (targetEnd < len && l[targetEnd] != ' ') {
            if (!HttpSyntax.isVisibleAscii(l[targetEnd])) {
                throw HttpException.badRequest("Invalid character in request target");
            }
            targetEnd++;
        }
        if (targetEnd == targetStart) {
            throw HttpException.badRequest(targetEnd == len
                    ? "Request line must be 'method target version'"
                    : "Request line parts must be separated by a single space");
        }
        if (targetEnd == len) {
            throw HttpException.badRequest("Request line must be 'method target version'");
        }
        version = parseVersion(l, targetEnd + 1, len);
        method = HttpMethod.lookup(l, 0, methodEnd);
        if (method == null) {
            throw new HttpException(HttpStatus.NOT_IMPLEMENTED, methodEnd <= MAX_ECHOED_METHOD
                    // A tchar token cannot carry markup or control bytes, so a short one is safe to name.
                    ? "Method " + new String(l, 0, methodEnd, StandardCharsets.US_ASCII) + " is not implemented"
                    : "Method is not implemented");
        }
        target = new String(l, targetStart, targetEnd - targetStart, StandardCharsets.US_ASCII);
        decodedTarget = RequestTarget.parse(target, method, limits.maxParameterCount());
    }

    /** {@code HTTP/DIGIT.DIGIT}, case-sensitive; 1.x above 1.1 is served as 1.1, other majors get 505. */
    private static HttpVersion parseVersion(byte[] l, int from, int to) {
        if (to - from != 8 || l[from] != 'H' || l[from + 1] != 'T' || l[from + 2] != 'T' || l[from + 3] != 'P'
                || l[from + 4] != '/' || !isDigit(l[from + 5]) || l[from + 6] != '.' || !isDigit(l[from + 7])) {
            throw HttpException.badRequest(indexOf(l, from, to, (byte) ' ') >= 0
                    ? "Request line parts must be separated by a single space"
                    : "Malformed HTTP version");
        }
        if (l[from + 5] != '1') {
            throw new HttpException(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "Only HTTP/1.0 and HTTP/1.1 are supported");
        }
        return l[from + 7] == '0' ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
    }

    // ---- header section -----------------------------------------------------------------------

    private Result headerLine(ByteBuffer in) {
        int len = readHeaderSectionLine(in);
        if (len == LINE_INCOMPLETE) {
            return Result.NEED_MORE;
        }
        if (len == 0) {
            return finishHead();
        }
        headers.add(HeaderNames.of(line, colon), headerValue(len));
        return null;
    }

    /** Reads one header or trailer line, charging it to the header section's size limit. */
    private int readHeaderSectionLine(ByteBuffer in) {
        int len = readLine(in, limits.maxHeaderSize() - headerBytes);
        if (len == LINE_INCOMPLETE) {
            return len;
        }
        if (len == LINE_TOO_LONG) {
            throw new HttpException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "Header section is larger than " + limits.maxHeaderSize() + " bytes");
        }
        if (len == LINE_BARE_CR) {
            throw HttpException.badRequest("Bare CR in a header line");
        }
        headerBytes += lineRawSize;
        if (len > 0) {
            if (++headerCount > limits.maxHeaderCount()) {
                throw new HttpException(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "More than " + limits.maxHeaderCount() + " header fields");
            }
            checkFieldLine(len);
        }
        return len;
    }

    /** {@code field-name ":" OWS field-value OWS}, the name a token, the value without CTLs. */
    private void checkFieldLine(int len) {
        byte[] l = line;
        if (HttpSyntax.isWhitespace(l[0])) {
            throw HttpException.badRequest("Obsolete line folding is not allowed");
        }
        colon = nameEnd(len);
        if (colon == len) {
            throw HttpException.badRequest("Header line has no colon");
        }
        if (colon == 0) {
            throw HttpException.badRequest("Empty header name");
        }
        for (int i = colon + 1; i < len; i++) {
            if (!HttpSyntax.isFieldValue(l[i])) {
                throw HttpException.badRequest("Invalid character in header value");
            }
        }
    }

    /** The index of the colon ending the field name (or {@code len}), refusing non-token bytes. */
    private int nameEnd(int len) {
        byte[] l = line;
        for (int i = 0; i < len; i++) {
            byte b = l[i];
            if (b == ':') {
                return i;
            }
            if (!HttpSyntax.isTchar(b)) {
                throw HttpException.badRequest(HttpSyntax.isWhitespace(b)
                        ? "Whitespace in or after a header name is not allowed"
                        : "Invalid character in header name");
            }
        }
        return len;
    }

    private String headerValue(int len) {
        int start = colon + 1;
        int end = len;
        while (start < end && HttpSyntax.isWhitespace(line[start])) {
            start++;
        }
        while (end > start && HttpSyntax.isWhitespace(line[end - 1])) {
            end--;
        }
        return new String(line, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private Result finishHead() {
        checkHost();
        long contentLength = MessageFraming.bodyLength(headers, version, limits);
        boolean expectContinue = version == HttpVersion.HTTP_1_1 && headers.containsToken("Expect", "100-continue");
        head = new RequestHead(method, target, version, headers, contentLength, expectContinue);
        state = State.HEAD_DONE;
        // The line buffer is not needed again unless the body is chunked; let it go early for big uploads.
        if (contentLength >= 0) {
            line = NO_BYTES;
        }
        return Result.HEAD;
    }

    /** Exactly one valid Host on HTTP/1.1 (RFC 9112 section 3.2); an absolute-form authority wins. */
    private void checkHost() {
        int hosts = headers.count("Host");
        if (hosts > 1) {
            throw HttpException.badRequest("More than one Host header");
        }
        if (hosts == 0 && version == HttpVersion.HTTP_1_1) {
            throw HttpException.badRequest("Missing Host header");
        }
        String authority = decodedTarget.authority();
        if (authority != null) {
            if (!HttpSyntax.isValidHost(authority)) {
                throw HttpException.badRequest("Invalid host in the request target");
            }
            headers.set("Host", authority);
        } else if (hosts == 1 && !HttpSyntax.isValidHost(headers.get("Host"))) {
            throw HttpException.badRequest("Invalid Host header");
        }
    }

    // ---- body ---------------------------------------------------------------------------------

    private Result startBody() {
        long length = head.contentLength();
        if (length == 0) {
            return complete();
        }
        if (length > 0) {
            remaining = length;
            state = State.CONTENT;
        } else {
            state = State.CHUNK_SIZE;
        }
        return null;
    }

    private Result content(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        appendBody(in, n, head.contentLength());
        remaining -= n;
        return remaining == 0 ? complete() : Result.NEED_MORE;
    }

    private Result chunkSize(ByteBuffer in) {
        int len = readLine(in, MAX_CHUNK_LINE);
        if (len == LINE_INCOMPLETE) {
            return Result.NEED_MORE;
        }
        if (len == LINE_TOO_LONG) {
            throw HttpException.badRequest("Chunk size line is longer than " + MAX_CHUNK_LINE + " bytes");
        }
        if (len == LINE_BARE_CR) {
            throw HttpException.badRequest("Bare CR in a chunk size line");
        }
        long size = ChunkSizeLine.parse(line, len);
        chunkExtensionBytes += len - hexDigits(len);
        if (chunkExtensionBytes > limits.maxHeaderSize()) {
            throw HttpException.badRequest("Chunk extensions are larger than " + limits.maxHeaderSize() + " bytes");
        }
        if (size == 0) {
            state = State.TRAILER_LINE;
            return null;
        }
        if (size > limits.maxBodySize() - bodySize) {
            throw new HttpException(HttpStatus.CONTENT_TOO_LARGE,
                    "Request body is larger than the limit of " + limits.maxBodySize() + " bytes");
        }
        remaining = size;
        state = State.CHUNK_DATA;
        return null;
    }

    private int hexDigits(int len) {
        int i = 0;
        while (i < len && HttpSyntax.hexValue(line[i]) >= 0) {
            i++;
        }
        return i;
    }

    private Result chunkData(ByteBuffer in) {
        int n = (int) Math.min(remaining, in.remaining());
        appendBody(in, n, limits.maxBodySize());
        remaining -= n;
        if (remaining > 0) {
            return Result.NEED_MORE;
        }
        state = State.CHUNK_DATA_END;
        return null;
    }

    private Result chunkDataEnd(ByteBuffer in) {
        int len = readLine(in, 2);
        if (len == LINE_INCOMPLETE) {
            return Result.NEED_MORE;
        }
        if (len != 0) {
            throw HttpException.badRequest("Chunk data is not followed by CRLF");
        }
        state = State.CHUNK_SIZE;
        return null;
    }

    private Result trailerLine(ByteBuffer in) {
        int len = readHeaderSectionLine(in);
        if (len == LINE_INCOMPLETE) {
            return Result.NEED_MORE;
        }
        // Validated by readHeaderSectionLine and then dropped: see the class comment.
        return len == 0 ? complete() : null;
    }

    private void appendBody(ByteBuffer in, int n, long cap) {
        if (n == 0) {
            return;
        }
        int needed = bodySize + n;
        if (body == null || needed > body.length) {
            // Grow by doubling rather than trusting the declared length, so a client that announces
            // a large body and sends nothing does not make the server allocate it.
            long target = Math.max(needed, Math.min(cap, Math.max(INITIAL_BODY_CAPACITY,
                    body == null ? 0 : 2L * body.length)));
            body = body == null ? new byte[(int) target] : Arrays.copyOf(body, (int) target);
        }
        in.get(body, bodySize, n);
        bodySize = needed;
    }

    private Result complete() {
        byte[] bytes = bodySize == 0 ? null : bodySize == body.length ? body : Arrays.copyOf(body, bodySize);
        request = new Request(method, target, decodedTarget, version, headers, bytes, limits.maxParameterCount());
        body = null;
        line = NO_BYTES;
        state = State.COMPLETE;
        return Result.COMPLETE;
    }

    private Result fail(HttpStatus status, String message) {
        error = new HttpError(status, message);
        state = State.ERROR;
        line = NO_BYTES;
        body = null;
        return Result.ERROR;
    }

    // ---- lines --------------------------------------------------------------------------------

    /**
     * Accumulates bytes up to and including the next LF. Returns the line's length without its
     * terminator (CRLF or a bare LF) once complete, leaving the line in {@code line[0, length)}
     * and its raw size in {@link #lineRawSize}; {@link #LINE_INCOMPLETE} when the buffer ran out
     * first; {@link #LINE_TOO_LONG} as soon as the raw line would exceed {@code maxRawSize};
     * {@link #LINE_BARE_CR} when a CR is anywhere but right before the LF.
     */
    private int readLine(ByteBuffer in, int maxRawSize) {
        int pos = in.position();
        int end = in.limit();
        int lf = pos;
        while (lf < end && in.get(lf) != '\n') {
            lf++;
        }
        boolean found = lf < end;
        int take = lf - pos;
        int raw = lineLength + take + (found ? 1 : 0);
        if (raw > maxRawSize) {
            return LINE_TOO_LONG;
        }
        ensureLineCapacity(lineLength + take, maxRawSize);
        in.get(line, lineLength, take);
        lineLength += take;
        if (!found) {
            return LINE_INCOMPLETE;
        }
        in.get();
        int len = lineLength;
        lineLength = 0;
        lineRawSize = raw;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        return indexOf(line, 0, len, (byte) '\r') >= 0 ? LINE_BARE_CR : len;
    }

    private void ensureLineCapacity(int needed, int cap) {
        if (needed > line.length) {
            int grown = Math.min(cap, Math.max(INITIAL_LINE_CAPACITY, line.length * 2));
            line = Arrays.copyOf(line, Math.max(needed, grown));
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
