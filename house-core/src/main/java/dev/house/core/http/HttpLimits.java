package dev.house.core.http;

/**
 * The size limits the parser enforces, each mapped to one status: request line
 * ({@value #DEFAULT_MAX_REQUEST_LINE} bytes, 414), header section ({@value #DEFAULT_MAX_HEADER_SIZE}
 * bytes or {@value #DEFAULT_MAX_HEADER_COUNT} fields, 431) and body
 * ({@value #DEFAULT_MAX_BODY_SIZE} bytes, 413, decided from the declared length when there is one).
 */
public record HttpLimits(int maxRequestLine, int maxHeaderSize, int maxHeaderCount, long maxBodySize) {
    public static final int DEFAULT_MAX_REQUEST_LINE = 8 * 1024;
    public static final int DEFAULT_MAX_HEADER_SIZE = 16 * 1024;
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    public HttpLimits {
        if (maxRequestLine < 16 || maxHeaderSize < 16 || maxHeaderCount < 1 || maxBodySize < 0) {
            throw new IllegalArgumentException("limits too small: request line " + maxRequestLine
                    + ", header size " + maxHeaderSize + ", header count " + maxHeaderCount
                    + ", body " + maxBodySize);
        }
        if (maxBodySize > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBodySize must be below 2 GiB (bodies are held in memory)");
        }
    }

    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE, DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_COUNT,
                DEFAULT_MAX_BODY_SIZE);
    }

    public HttpLimits withMaxRequestLine(int bytes) {
        return new HttpLimits(bytes, maxHeaderSize, maxHeaderCount, maxBodySize);
    }

    public HttpLimits withMaxHeaderSize(int bytes) {
        return new HttpLimits(maxRequestLine, bytes, maxHeaderCount, maxBodySize);
    }

    public HttpLimits withMaxHeaderCount(int count) {
        return new HttpLimits(maxRequestLine, maxHeaderSize, count, maxBodySize);
    }

    public HttpLimits withMaxBodySize(long bytes) {
        return new HttpLimits(maxRequestLine, maxHeaderSize, maxHeaderCount, bytes);
    }
}
