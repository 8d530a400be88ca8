package dev.house.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of a shutdown's stream drain: the ends of its long-lived streams,
 * collected while its connections begin shutting down, then scheduled evenly over the drain window
 * ({@code ServerConfig.streamDrain}) with a random offset inside each stream's slot. Clients of a
 * stopping node then reconnect elsewhere at a steady rate instead of all in the same millisecond;
 * the loops do this in parallel, so the node's ends are spread as evenly as each loop's.
 * Protocol-neutral: a protocol hands over whatever ends a stream (an HTTP/1.1 last chunk, an
 * HTTP/2 END_STREAM) through {@link Connection#endStreamInDrain(Runnable)}. Used on its loop only.
 */
final class StreamDrain {
    /**
     * The longest slot of one stream on one loop (each loop ends at least 100 streams a second):
     * with few streams the drain ends sooner than the window, as a handful of reconnects is no
     * storm and a stop should not wait for nothing.
     */
    static final long MAX_SLOT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long windowNanos;
    private final List<Runnable> ends = new ArrayList<>();

    StreamDrain(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    void add(Runnable end) {
        ends.add(end);
    }

    /** Schedules the collected ends on {@code loop}; a zero window ends them all now. */
    void start(EventLoop loop) {
        int n = ends.size();
        if (n == 0) {
            return;
        }
        long slot = Math.min(windowNanos / n, MAX_SLOT_NANOS);
        if (slot <= 0) {
            ends.forEach(Runnable::run);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            loop.schedule(ends.get(i), i * slot + random.nextLong(slot), TimeUnit.NANOSECONDS);
        }
    }
}
