package dev.house.core.http1;

import dev.house.core.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header names most requests carry, as shared constants: the parser hands these out instead
 * of a new {@code String} per header, which saves an allocation per field on the hot path and
 * memory on requests kept for the life of a stream. Matching is exact (the common spelling);
 * any other spelling or name gets its own string, and lookups stay case-insensitive elsewhere.
 */
final class HeaderNames {
    private static final String[] COMMON = {
        "Host", "Accept", "Accept-Encoding", "Accept-Language", "Cache-Control", "Connection", "Content-Length",
        "Content-Type", "Cookie", "Expect", "If-Modified-Since", "If-None-Match", "Last-Event-ID", "Origin",
        "Pragma", "Referer", "Transfer-Encoding", "Upgrade", "User-Agent", "Authorization", "Sec-Fetch-Dest",
        "Sec-Fetch-Mode", "Sec-Fetch-Site", "Access-Control-Request-Method", "Access-Control-Request-Headers",
        "host", "accept", "user-agent", "content-type", "content-length", "connection", "last-event-id",
    };
    private static final byte[][] BYTES = new byte[COMMON.length][];

    static {
        for (int i = 0; i < COMMON.length; i++) {
            BYTES[i] = COMMON[i].getBytes(StandardCharsets.US_ASCII);
        }
    }

    private HeaderNames() {
    }

    /** The name spelled by {@code len} ASCII bytes of {@code line}: a shared constant when common. */
    static String of(byte[] line, int len) {
        for (int i = 0; i < BYTES.length; i++) {
            byte[] candidate = BYTES[i];
            if (candidate.length == len && Arrays.equals(candidate, 0, len, line, 0, len)) {
                return COMMON[i];
            }
        }
        return new String(line, 0, len, StandardCharsets.US_ASCII);
    }
}
