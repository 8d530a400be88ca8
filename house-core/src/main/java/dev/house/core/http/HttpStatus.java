package dev.house.core.http;

/**
 * A response status code with its reason phrase. The common codes are constants; any other
 * three-digit code can be made with {@link #of(int)}.
 */
public final class HttpStatus {
    public static final HttpStatus CONTINUE = new HttpStatus(100, "Continue");
    public static final HttpStatus OK = new HttpStatus(200, "OK");
    public static final HttpStatus CREATED = new HttpStatus(201, "Created");
    public static final HttpStatus ACCEPTED = new HttpStatus(202, "Accepted");
    public static final HttpStatus NO_CONTENT = new HttpStatus(204, "No Content");
    public static final HttpStatus MOVED_PERMANENTLY = new HttpStatus(301, "Moved Permanently");
    public static final HttpStatus FOUND = new HttpStatus(302, "Found");
    public static final HttpStatus SEE_OTHER = new HttpStatus(303, "See Other");
    public static final HttpStatus NOT_MODIFIED = new HttpStatus(304, "Not Modified");
    public static final HttpStatus TEMPORARY_REDIRECT = new HttpStatus(307, "Temporary Redirect");
    public static final HttpStatus PERMANENT_REDIRECT = new HttpStatus(308, "Permanent Redirect");
    public static final HttpStatus BAD_REQUEST = new HttpStatus(400, "Bad Request");
    public static final HttpStatus UNAUTHORIZED = new HttpStatus(401, "Unauthorized");
    public static final HttpStatus FORBIDDEN = new HttpStatus(403, "Forbidden");
    public static final HttpStatus NOT_FOUND = new HttpStatus(404, "Not Found");
    public static final HttpStatus METHOD_NOT_ALLOWED = new HttpStatus(405, "Method Not Allowed");
    public static final HttpStatus NOT_ACCEPTABLE = new HttpStatus(406, "Not Acceptable");
    public static final HttpStatus REQUEST_TIMEOUT = new HttpStatus(408, "Request Timeout");
    public static final HttpStatus CONFLICT = new HttpStatus(409, "Conflict");
    public static final HttpStatus GONE = new HttpStatus(410, "Gone");
    public static final HttpStatus LENGTH_REQUIRED = new HttpStatus(411, "Length Required");
    public static final HttpStatus PRECONDITION_FAILED = new HttpStatus(412, "Precondition Failed");
    public static final HttpStatus CONTENT_TOO_LARGE = new HttpStatus(413, "Content Too Large");
    public static final HttpStatus URI_TOO_LONG = new HttpStatus(414, "URI Too Long");
    public static final HttpStatus UNSUPPORTED_MEDIA_TYPE = new HttpStatus(415, "Unsupported Media Type");
    public static final HttpStatus RANGE_NOT_SATISFIABLE = new HttpStatus(416, "Range Not Satisfiable");
    public static final HttpStatus EXPECTATION_FAILED = new HttpStatus(417, "Expectation Failed");
    public static final HttpStatus UNPROCESSABLE_CONTENT = new HttpStatus(422, "Unprocessable Content");
    public static final HttpStatus TOO_MANY_REQUESTS = new HttpStatus(429, "Too Many Requests");
    public static final HttpStatus REQUEST_HEADER_FIELDS_TOO_LARGE =
            new HttpStatus(431, "Request Header Fields Too Large");
    public static final HttpStatus INTERNAL_SERVER_ERROR = new HttpStatus(500, "Internal Server Error");
    public static final HttpStatus NOT_IMPLEMENTED = new HttpStatus(501, "Not Implemented");
    public static final HttpStatus SERVICE_UNAVAILABLE = new HttpStatus(503, "Service Unavailable");
    public static final HttpStatus HTTP_VERSION_NOT_SUPPORTED =
            new HttpStatus(505, "HTTP Version Not Supported");

    private static final HttpStatus[] KNOWN = {
        CONTINUE, OK, CREATED, ACCEPTED, NO_CONTENT, MOVED_PERMANENTLY, FOUND, SEE_OTHER, NOT_MODIFIED,
        TEMPORARY_REDIRECT, PERMANENT_REDIRECT, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND,
        METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, REQUEST_TIMEOUT, CONFLICT, GONE, LENGTH_REQUIRED,
        PRECONDITION_FAILED, CONTENT_TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE,
        RANGE_NOT_SATISFIABLE, EXPECTATION_FAILED, UNPROCESSABLE_CONTENT, TOO_MANY_REQUESTS,
        REQUEST_HEADER_FIELDS_TOO_LARGE, INTERNAL_SERVER_ERROR, NOT_IMPLEMENTED, SERVICE_UNAVAILABLE,
        HTTP_VERSION_NOT_SUPPORTED
    };

    private final int code;
    private final String reason;

    private HttpStatus(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    /** The status for {@code code}: a constant when one exists, else one with a generic reason. */
    public static HttpStatus of(int code) {
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("status code must have three digits: " + code);
        }
        for (HttpStatus s : KNOWN) {
            if (s.code == code) {
                return s;
            }
        }
        return new HttpStatus(code, code < 400 ? "Status " + code : code < 500 ? "Client Error" : "Server Error");
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /** Whether a response with this status may carry a body (not 1xx, 204 or 304). */
    public boolean allowsBody() {
        return code >= 200 && code != 204 && code != 304;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpStatus other && other.code == code;
    }

    @Override
    public int hashCode() {
        return code;
    }

    @Override
    public String toString() {
        return code + " " + reason;
    }
}
