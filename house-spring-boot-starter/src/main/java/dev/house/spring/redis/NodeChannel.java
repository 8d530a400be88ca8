package dev.house.spring.redis;

import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.spi.DeliveryCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One channel as this node follows it: which event loops have subscribers of it (so an event
 * read from Redis is posted once per loop), how many subscribers, and what happened to its
 * events here. The loop map belongs to the reader thread; the counts are read from anywhere.
 */
final class NodeChannel {
    final String name;
    final DeliveryCounters counters;
    /** Subscribers per loop; reader thread only. */
    final Map<StreamExecutor, Integer> loops = new HashMap<>();
    final AtomicInteger subscribers = new AtomicInteger();
    /** Events of this channel the node read from Redis. */
    final LongAdder received = new LongAdder();

    NodeChannel(String name, DeliveryCounters totals) {
        this.name = name;
        this.counters = new DeliveryCounters(totals);
    }

    void add(StreamExecutor loop) {
        loops.merge(loop, 1, Integer::sum);
        subscribers.incrementAndGet();
    }

    void remove(StreamExecutor loop) {
        loops.computeIfPresent(loop, (l, n) -> n == 1 ? null : n - 1);
        subscribers.decrementAndGet();
    }

    boolean isIdle() {
        return loops.isEmpty();
    }

    /** History lives in Redis, so {@code retained} is not known here and reads 0. */
    ChannelStats stats() {
        return new ChannelStats(name, subscribers.get(), received.sum(), counters.delivered(),
                counters.droppedSlow(), 0);
    }
}
