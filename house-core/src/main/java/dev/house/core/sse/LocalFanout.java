package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers events to this node's subscribers: each event loop keeps its own subscribers per
 * channel, touched only by that loop, and an event reaches all of a loop's subscribers of a
 * channel through one task on that loop. A broker decides which loops to {@link #dispatch} to.
 */
public final class LocalFanout {
    private final Map<EventLoop, Map<String, LoopSet<Subscriber>>> byLoop = new ConcurrentHashMap<>();

    /** Adds {@code subscriber} to its channels on its loop; call on that loop. */
    public void add(Subscriber subscriber) {
        Map<String, LoopSet<Subscriber>> channels =
                byLoop.computeIfAbsent(subscriber.eventLoop(), l -> new HashMap<>());
        for (String channel : subscriber.channels()) {
            channels.computeIfAbsent(channel, c -> new LoopSet<>(Subscriber[]::new)).add(subscriber);
        }
    }

    /** Removes {@code subscriber} from its channels; call on its loop. */
    public void remove(Subscriber subscriber) {
        Map<String, LoopSet<Subscriber>> channels = byLoop.get(subscriber.eventLoop());
        if (channels == null) {
            return;
        }
        for (String channel : subscriber.channels()) {
            LoopSet<Subscriber> set = channels.get(channel);
            if (set != null && set.remove(subscriber) && set.isEmpty()) {
                channels.remove(channel); // channels named by clients must not pile up
            }
        }
    }

    /**
     * Queues one task on {@code loop} writing {@code chunk} to each of its subscribers of
     * {@code channel}. Callable from any thread; the loop's task queue is FIFO, so events
     * dispatched in order are delivered in order.
     */
    public void dispatch(EventLoop loop, String channel, EventId id, StreamChunk chunk,
                         DeliveryCounters counters) {
        loop.execute(() -> deliver(loop, channel, id, chunk, counters));
    }

    private void deliver(EventLoop loop, String channel, EventId id, StreamChunk chunk,
                         DeliveryCounters counters) {
        Map<String, LoopSet<Subscriber>> channels = byLoop.get(loop);
        LoopSet<Subscriber> set = channels == null ? null : channels.get(channel);
        if (set == null) {
            return;
        }
        for (Subscriber s : set.snapshot()) {
            s.deliver(id, chunk, counters);
        }
    }
}
