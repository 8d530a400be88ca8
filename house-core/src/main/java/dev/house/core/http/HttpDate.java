package dev.house.core.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The IMF-fixdate for the {@code Date} header, formatted at most once per second: each event
 * loop keeps one instance, so the cache needs no synchronisation.
 */
public final class HttpDate {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cached;

    /** The current date as ASCII bytes; shared, do not modify. */
    public byte[] now() {
        long second = System.currentTimeMillis() / 1000;
        if (second != cachedSecond) {
            cached = format(Instant.ofEpochSecond(second)).getBytes(StandardCharsets.US_ASCII);
            cachedSecond = second;
        }
        return cached;
    }

    /** Formats an instant as an IMF-fixdate (e.g. for {@code Last-Modified}). */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
