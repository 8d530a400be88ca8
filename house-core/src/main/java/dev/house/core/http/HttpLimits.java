package dev.house.core.http;

/**
 * The size limits the parser enforces, each mapped to one status: request line
 * ({@value #DEFAULT_MAX_REQUEST_LINE} bytes, 414), header section ({@value #DEFAULT_MAX_HEADER_SIZE}
 * bytes or {@value #DEFAULT_MAX_HEADER_COUNT} fields, 431) and body
 * ({@value #DEFAULT_MAX_BODY_SIZE} bytes, 413, decided from the declared length when there is one),
 * and the parameters one source may carry ({@value #DEFAULT_MAX_PARAMETER_COUNT} in the query
 * string, in a form body, 400 naming the limit; like Tomcat's {@code maxParameterCount}), which
 * bounds the work and memory a request's decoding can cost whatever its shape.
 */
public record HttpLimits(int maxRequestLine, int maxHeaderSize, int maxHeaderCount, long maxBodySize,
                         int maxParameterCount) {
    public static final int DEFAULT_MAX_REQUEST_LINE = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    public static final int DEFAULT_MAX_PARAMETER_COUNT = 1000;

    public HttpLimits {
        if (maxRequestLine < 16 || maxHeaderSize < 16 || maxHeaderCount < 1 || maxBodySize < 0) {
            throw new IllegalArgumentException("limits too small: request line " + maxRequestLine
                    + ", header size " + maxHeaderSize + ", header count " + maxHeaderCount
                    + ", body " + maxBodySize);
        }
        if (maxBodySize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBodySize must be below 2 GiB (bodies are held in memory)");
        }
        if (maxParameterCount < 1) {
            throw new IllegalArgumentException("maxParameterCount must be at least 1: " + maxParameterCount);
        }
    }

    /** The four size limits with the default parameter count. */
    public HttpLimits(int maxRequestLine, int maxHeaderSize, int maxHeaderCount, long maxBodySize) {
        this(maxRequestLine, maxHeaderSize, maxHeaderCount, maxBodySize, DEFAULT_MAX_PARAMETER_COUNT);
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_PARAMETER_COUNT);
    }

    public HttpLimits withMaxRequestLine(int bytes) {
        return new HttpLimits(bytes, maxHeaderSize, maxHeaderCount, maxBodySize, maxParameterCount);
    }

    public HttpLimits withMaxHeaderSize(int bytes) {
        return new HttpLimits(maxRequestLine, bytes, maxHeaderCount, maxBodySize, maxParameterCount);
    }

    public HttpLimits withMaxHeaderCount(int count) {
        return new HttpLimits(maxRequestLine, maxHeaderSize, count, maxBodySize, maxParameterCount);
    }

    public HttpLimits withMaxBodySize(long bytes) {
        return new HttpLimits(maxRequestLine, maxHeaderSize, maxHeaderCount, bytes, maxParameterCount);
    }

    /** Parameters per source (query string, form body) past which a request gets 400. */
    public HttpLimits withMaxParameterCount(int count) {
        return new HttpLimits(maxRequestLine, maxHeaderSize, maxHeaderCount, maxBodySize, count);
    }
}
