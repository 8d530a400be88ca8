package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.DeliveryCounters;
import dev.house.core.sse.spi.Subscriber;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A {@link Subscriber} of channel "room" without a socket, for tests of the fan-out alone: counts
 * the live events handed to it and answers each with {@link #outcome}; {@link #onDeliver}, when
 * set, sees the running count.
 */
final class CountingSubscriber implements Subscriber {
    private final StreamExecutor loop;
    long delivered;
    Outcome outcome = Outcome.SENT;
    LongConsumer onDeliver;

    CountingSubscriber(StreamExecutor loop) {
        this.loop = loop;
    }

    @Override
    public StreamExecutor executor() {
        return loop;
    }

    @Override
    public List<String> channels() {
        return List.of("room");
    }

    @Override
    public boolean resuming() {
        return false;
    }

    @Override
    public EventId lastEventId() {
        return null;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void liveAfter(EventId id) {
    }

    @Override
    public void replay(StreamChunk chunk, DeliveryCounters counters) {
    }

    @Override
    public Outcome deliver(EventId id, StreamChunk chunk) {
        delivered++;
        if (onDeliver != null) {
            onDeliver.accept(delivered);
        }
        return outcome;
    }

    @Override
    public void historyLost(List<String> lost) {
    }
}
