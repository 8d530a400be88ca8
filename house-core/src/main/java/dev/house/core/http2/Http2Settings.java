package dev.house.core.http2;

import java.util.Arrays;

/**
 * A set of HTTP/2 settings (RFC 9113 §6.5.2) by identifier; a value of -1 means "not present", so
 * one class serves both a received SETTINGS frame (only what the peer sent) and a full set of
 * values in force. Unknown identifiers are never stored: §6.5.2 says they are ignored.
 */
final class Http2Settings {
    static final int HEADER_TABLE_SIZE = 0x1;
    static final int ENABLE_PUSH = 0x2;
    static final int MAX_CONCURRENT_STREAMS = 0x3;
    static final int INITIAL_WINDOW_SIZE = 0x4;
    static final int MAX_FRAME_SIZE = 0x5;
    static final int MAX_HEADER_LIST_SIZE = 0x6;

    static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    static final int DEFAULT_INITIAL_WINDOW_SIZE = 65_535;
    static final int MIN_MAX_FRAME_SIZE = 16_384;
    static final int MAX_MAX_FRAME_SIZE = (1 << 24) - 1;
    static final long MAX_WINDOW_SIZE = Integer.MAX_VALUE;

    private final long[] values = new long[7];

    Http2Settings() {
        Arrays.fill(values, -1);
    }

    /** The values a peer starts with before any SETTINGS frame (RFC 9113 §6.5.2 initial values). */
    static Http2Settings protocolDefaults() {
        return new Http2Settings()
                .set(HEADER_TABLE_SIZE, DEFAULT_HEADER_TABLE_SIZE)
                .set(ENABLE_PUSH, 1)
                .set(MAX_CONCURRENT_STREAMS, Integer.MAX_VALUE)
                .set(INITIAL_WINDOW_SIZE, DEFAULT_INITIAL_WINDOW_SIZE)
                .set(MAX_FRAME_SIZE, MIN_MAX_FRAME_SIZE)
                .set(MAX_HEADER_LIST_SIZE, Integer.MAX_VALUE);
    }

    static boolean known(int id) {
        return id >= HEADER_TABLE_SIZE && id <= MAX_HEADER_LIST_SIZE;
    }

    Http2Settings set(int id, long value) {
        values[id] = value;
        return this;
    }

    /** The value, or -1 if absent. */
    long get(int id) {
        return values[id];
    }

    boolean has(int id) {
        return values[id] >= 0;
    }

    /** Copies the values present in {@code other} over these. */
    void merge(Http2Settings other) {
        for (int id = HEADER_TABLE_SIZE; id <= MAX_HEADER_LIST_SIZE; id++) {
            if (other.has(id)) {
                values[id] = other.values[id];
            }
        }
    }

    /** How many settings are present. */
    int count() {
        int n = 0;
        for (int id = HEADER_TABLE_SIZE; id <= MAX_HEADER_LIST_SIZE; id++) {
            n += has(id) ? 1 : 0;
        }
        return n;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int id = HEADER_TABLE_SIZE; id <= MAX_HEADER_LIST_SIZE; id++) {
            if (has(id)) {
                sb.append(sb.length() > 1 ? ", " : "").append(id).append('=').append(values[id]);
            }
        }
        return sb.append('}').toString();
    }
}
