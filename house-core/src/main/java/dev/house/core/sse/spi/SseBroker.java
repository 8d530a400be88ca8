package dev.house.core.sse.spi;

import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseEvent;
import dev.house.core.sse.SseStats;
import java.util.List;

/**
 * Where channel events go through: it assigns each published event its {@link EventId}, retains
 * history for replay, and delivers events to this node's subscribers. {@link
 * dev.house.core.sse.LocalBroker} does all of it in memory; a multi-node broker (e.g. on Redis
 * streams) can replace it without any handler changing, since handlers only talk to {@link
 * dev.house.core.sse.SseChannels}.
 *
 * <p>Contract: every subscriber sees each channel's events in id order, exactly once, replayed
 * ones first; across the channels of one subscriber, events arrive in id order too, so its
 * {@code Last-Event-ID} is a single resume point. Nothing here blocks a socket. Channel names
 * arrive validated by {@link dev.house.core.sse.SseChannels}.
 */
public interface SseBroker {

    /**
     * Called once by the {@link dev.house.core.sse.SseChannels} built with this broker, before any
     * subscriber: the fan-out to deliver through and the presence hooks. Does nothing by default.
     *
     * @throws IllegalStateException when the broker already serves other channels
     */
    default void attach(BrokerContext context) {
    }

    /**
     * Assigns the event an id, retains it, and delivers it to current subscribers of
     * {@code channel}. Callable from any thread; returns at once (a broker that must wait for a
     * store says so and refuses event-loop threads).
     *
     * @param channel a valid channel name
     * @param event   an event without an id of its own
     * @return the id given to the event
     */
    EventId publish(String channel, SseEvent event);

    /**
     * Called on the subscriber's event loop once its stream is open: registers it for live
     * delivery on its channels and sends it, first, the
     * {@value dev.house.core.sse.SseChannels#HISTORY_LOST_EVENT} event if its {@code Last-Event-ID}
     * cannot be honoured, then every retained event after that id in id order; live events follow
     * with no gap and no duplicate.
     */
    void subscribe(Subscriber subscriber);

    /** Called on the subscriber's event loop when its stream ended, once per {@link #subscribe}. */
    void unsubscribe(Subscriber subscriber);

    /**
     * Housekeeping (expiring old history, forgetting idle channels), called now and then from an
     * event loop; must not block. Does nothing by default.
     */
    default void maintain() {
    }

    /**
     * Presence across nodes, or {@code null} (the default) when presence is this node's own,
     * which the channels then keep themselves.
     */
    default SharedPresence sharedPresence() {
        return null;
    }

    /** A snapshot of every channel that has subscribers or retained history, sorted by name. */
    List<ChannelStats> channels();

    /** Totals across all channels, including channels that no longer exist. */
    SseStats totals();
}
