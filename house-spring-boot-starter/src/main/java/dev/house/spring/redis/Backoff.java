package dev.house.spring.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnection attempts: doubling from {@code min} up to {@code max}, each with
 * up to a quarter of random jitter so that many nodes losing the same Redis do not return in
 * lockstep. Confined to the one thread that reconnects.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.nextMillis = minMillis;
    }

    /** The delay before the next attempt; each call doubles the following one. */
    long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return base + ThreadLocalRandom.current().nextLong(base / 4 + 1);
    }

    /** Back to the shortest delay, after a success. */
    void reset() {
        nextMillis = minMillis;
    }
}
