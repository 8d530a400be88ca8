package dev.house.core.http1;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Request;

/**
 * Decides how a request body is delimited (RFC 9112 section 6.3) from its Content-Length and
 * Transfer-Encoding fields. Every ambiguity a front-end proxy could read differently (both fields,
 * conflicting lengths, chunked not last, a sign or space in a length) is refused, because that
 * is how request smuggling starts.
 *
 * <p>Policy: several Content-Length fields or list members are accepted only when they all carry
 * the same value ({@code Content-Length: 5, 5}); empty Transfer-Encoding list members are ignored
 * as RFC 9110 section 5.6.1 requires; the only transfer coding house decodes is {@code chunked}.
 */
final class MessageFraming {
    /** The body length meaning "chunked", as in {@link RequestHead#contentLength()}. */
    static final long CHUNKED = -1;

    private static final String TRANSFER_ENCODING = "Transfer-Encoding";
    private static final String CONTENT_LENGTH = "Content-Length";

    private MessageFraming() {
    }

    /**
     * @return the declared body length, 0 when there is none, or {@link #CHUNKED}
     * @throws HttpException 400 for ambiguous or malformed framing, 501 for an unsupported transfer
     *     coding, 413 when the declared length exceeds the limit
     */
    static long bodyLength(HttpHeaders headers, HttpVersion version, HttpLimits limits) {
        boolean hasTransferEncoding = false;
        long contentLength = -1;
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase(TRANSFER_ENCODING)) {
                hasTransferEncoding = true;
            } else if (name.equalsIgnoreCase(CONTENT_LENGTH)) {
                contentLength = mergeContentLength(contentLength, headers.value(i));
            }
        }
        if (hasTransferEncoding) {
            if (version == HttpVersion.HTTP_1_0) {
                throw HttpException.badRequest("Transfer-Encoding is not allowed in an HTTP/1.0 request");
            }
            if (contentLength >= 0) {
                throw HttpException.badRequest("Content-Length must not be sent with Transfer-Encoding");
            }
            requireChunkedLast(headers);
            return CHUNKED;
        }
        if (contentLength < 0) {
            return 0;
        }
        if (contentLength > limits.maxBodySize()) {
            throw new HttpException(HttpStatus.CONTENT_TOO_LARGE,
                    "Request body is larger than the limit of " + limits.maxBodySize() + " bytes");
        }
        return contentLength;
    }

    /** Parses every list member of one Content-Length field; all must equal {@code seen} if set. */
    private static long mergeContentLength(long seen, String value) {
        int start = 0;
        int len = value.length();
        while (true) {
            int comma = value.indexOf(',', start);
            int end = comma < 0 ? len : comma;
            long parsed = parseDecimal(value, trimStart(value, start, end), trimEnd(value, start, end));
            if (seen >= 0 && parsed != seen) {
                throw HttpException.badRequest("Conflicting Content-Length values");
            }
            seen = parsed;
            if (comma < 0) {
                return seen;
            }
            start = comma + 1;
        }
    }

    private static long parseDecimal(String s, int from, int to) {
        if (from >= to) {
            throw HttpException.badRequest("Content-Length is empty");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw HttpException.badRequest("Content-Length must be decimal digits only");
            }
            int digit = c - '0';
            if (v > (Long.MAX_VALUE - digit) / 10) {
                throw HttpException.badRequest("Content-Length is too large a number");
            }
            v = v * 10 + digit;
        }
        return v;
    }

    /**
     * Walks the codings of every Transfer-Encoding field in order: {@code chunked} must come last
     * and only once (anything after it would leave the body undelimited), and any other coding is
     * one house does not decode.
     */
    private static void requireChunkedLast(HttpHeaders headers) {
        int codings = 0;
        boolean lastChunked = false;
        boolean unsupported = false;
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase(TRANSFER_ENCODING)) {
                continue;
            }
            String value = headers.value(i);
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int s = trimStart(value, start, end);
                int e = trimEnd(value, start, end);
                if (s < e) {
                    if (lastChunked) {
                        throw HttpException.badRequest("Transfer coding 'chunked' must be the last and only once");
                    }
                    codings++;
                    lastChunked = e - s == 7 && value.regionMatches(true, s, "chunked", 0, 7);
                    unsupported |= !lastChunked;
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
        }
        if (codings == 0) {
            throw HttpException.badRequest("Transfer-Encoding is empty");
        }
        if (unsupported) {
            throw new HttpException(HttpStatus.NOT_IMPLEMENTED,
                    "Only the 'chunked' transfer coding is supported");
        }
    }

    private static int trimStart(String s, int from, int to) {
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String s, int from, int to) {
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return to;
    }
}
