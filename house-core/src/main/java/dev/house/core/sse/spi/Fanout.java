package dev.house.core.sse.spi;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.EventId;
import java.util.List;

/**
 * This node's per-loop delivery, the hand-off from a broker to sockets: each loop keeps its own
 * subscribers per channel and a queue of events; a broker posts each event once per loop that
 * has subscribers of the channel, and the loop walks them with a write budget per pass. The
 * walk allocates nothing per subscriber.
 */
public interface Fanout {

    /** Adds {@code subscriber} to its channels on its loop; call on that loop. */
    void add(Subscriber subscriber);

    /** Removes {@code subscriber} from its channels; call on its loop. */
    void remove(Subscriber subscriber);

    /**
     * Queues {@code chunk} (an {@link SseEncoder} chunk carrying {@code id}) for each of
     * {@code loop}'s subscribers of {@code channel}. Callable from any thread; events dispatched
     * in order to a loop are delivered in order.
     */
    void dispatch(StreamExecutor loop, String channel, EventId id, StreamChunk chunk, DeliveryCounters counters);

    /**
     * Queues several events for {@code loop} as {@link #dispatch} does one by one, in order, and
     * wakes the loop once, after the last: events that arrived together (one read from a shared
     * broker) reach each subscriber as one run, in one write, even when the loop would have
     * started on the first before the rest were queued. Callable from any thread.
     */
    void dispatchAll(StreamExecutor loop, List<Event> events);

    /** One event for {@link #dispatchAll}: what {@link #dispatch} takes after the loop. */
    record Event(String channel, EventId id, StreamChunk chunk, DeliveryCounters counters) {
    }

    /**
     * Runs {@code task} on {@code loop} in order with the events dispatched there: after every
     * event dispatched before this call, before every one dispatched after it. For taking a
     * subscriber in ({@link #add}, {@link Subscriber#liveAfter}, replay) at a known point of the
     * live flow: a plain {@code loop.execute} may run after a delivery already under way that
     * picks up later events, and the subscriber would miss them. Callable from any thread.
     */
    void execute(StreamExecutor loop, Runnable task);
}
