package dev.house.spring.redis;

import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Fanout;
import dev.house.core.sse.spi.Subscriber;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the broker and its reader thread share about this node: the channels it follows, its
 * subscribers, its counts, its health, and the fan-out it delivers through. The reader changes
 * the followed channels; the broker reads them for stats.
 */
final class NodeState {
    /** Channels this node has subscribers for, by name. */
    final Map<String, NodeChannel> channels = new ConcurrentHashMap<>();
    /** Subscribers between subscribe and unsubscribe. */
    final Set<Subscriber> active = ConcurrentHashMap.newKeySet();
    final DeliveryCounters totals = new DeliveryCounters(null);
    /** Events read from Redis: each event of a followed channel once, however many subscribers. */
    final LongAdder received = new LongAdder();
    /** The channels' fan-out, from {@code attach}, before any subscriber. */
    volatile Fanout fanout;
    private volatile boolean healthy;
    private volatile String problem = "not connected to Redis yet";

    boolean isHealthy() {
        return healthy;
    }

    String problem() {
        return problem;
    }

    void markUp() {
        healthy = true;
    }

    void markDown(String reason) {
        problem = reason;
        healthy = false;
    }
}
