package dev.house.core.sse;

import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A channel's state inside {@link LocalBroker}: retained history, how many subscribers it has on
 * each event loop (so a publish knows which loops to post to), and its counters. Guarded by the
 * broker's lock, except the delivery counters, which loops update concurrently.
 *
 * <p>A channel without subscribers is also linked into the broker's least-recently-used list
 * ({@link #lruOlder}/{@link #lruNewer}), from which the broker forgets channels past
 * {@link SseConfig#maxChannels()}.
 */
final class Channel {
    /**
     * Estimated bytes a channel takes besides its name and its events: this object, the name's
     * {@code String}, the history and its deque, the counters and their {@code LongAdder}s, the
     * broker map's node and table slot. Measured by {@code LocalBrokerMemoryTest}.
     */
    static final int OVERHEAD = 280;

    final String name;
    final ChannelHistory history;
    final DeliveryCounters counters;
    /** Subscribers per loop; {@code null} until the first subscriber (most channels have none). */
    private Map<StreamExecutor, Integer> loops;
    int subscribers;
    long published;
    Channel lruOlder;
    Channel lruNewer;
    boolean inLru;

    Channel(String name, ChannelHistory history, DeliveryCounters counters) {
        this.name = name;
        this.history = history;
        this.counters = counters;
    }

    /** Estimated memory this channel takes, its events apart. */
    long cost() {
        return OVERHEAD + name.length();
    }

    void addSubscriber(StreamExecutor loop) {
        subscribers++;
        if (loops == null) {
            loops = new IdentityHashMap<>(4);
        }
        loops.merge(loop, 1, Integer::sum);
    }

    void removeSubscriber(StreamExecutor loop) {
        subscribers--;
        Integer n = loops == null ? null : loops.get(loop);
        if (n != null) {
            if (n <= 1) {
                loops.remove(loop);
            } else {
                loops.put(loop, n - 1);
            }
        }
    }

    /** The loops with subscribers of this channel (empty when none). */
    Iterable<StreamExecutor> loops() {
        return loops == null ? List.of() : loops.keySet();
    }

    /** Whether nothing needs this channel any more: no subscribers and nothing to replay. */
    boolean isIdle() {
        return subscribers == 0 && history.isEmpty();
    }

    ChannelStats stats() {
        return new ChannelStats(name, subscribers, published, counters.delivered(),
                counters.droppedSlow(), history.size());
    }
}
