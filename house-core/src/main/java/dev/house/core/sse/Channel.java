package dev.house.core.sse;

import dev.house.core.io.EventLoop;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A channel's state inside {@link LocalBroker}: retained history, how many subscribers it has on
 * each event loop (so a publish knows which loops to post to), and its counters. Guarded by the
 * broker's lock, except the delivery counters, which loops update concurrently.
 */
final class Channel {
    final String name;
    final ChannelHistory history;
    final DeliveryCounters counters;
    final Map<EventLoop, Integer> loops = new IdentityHashMap<>(4);
    int subscribers;
    long published;

    Channel(String name, ChannelHistory history, DeliveryCounters counters) {
        this.name = name;
        this.history = history;
        this.counters = counters;
    }

    void addSubscriber(EventLoop loop) {
        subscribers++;
        loops.merge(loop, 1, Integer::sum);
    }

    void removeSubscriber(EventLoop loop) {
        subscribers--;
        Integer n = loops.get(loop);
        if (n != null) {
            if (n <= 1) {
                loops.remove(loop);
            } else {
                loops.put(loop, n - 1);
            }
        }
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
