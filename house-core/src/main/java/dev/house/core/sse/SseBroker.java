package dev.house.core.sse;

import java.util.List;

/**
 * Where channel events go through: it assigns each published event its {@link EventId}, retains
 * history for replay, and delivers events to this node's subscribers. {@link LocalBroker} does
 * all of it in memory; a multi-node broker (e.g. on Redis streams) can replace it without any
 * handler changing, since handlers only talk to {@link SseChannels}.
 *
 * <p>Contract: every subscriber sees each channel's events in id order, exactly once, replayed
 * ones first; across the channels of one subscriber, events arrive in id order too, so its
 * {@code Last-Event-ID} is a single resume point. Nothing here blocks a socket.
 */
public interface SseBroker {

    /**
     * Assigns the event an id, retains it, and delivers it to current subscribers of
     * {@code channel}. Callable from any thread; returns at once.
     *
     * @param channel a valid channel name
     * @param event   an event without an id of its own
     * @return the id given to the event
     */
    EventId publish(String channel, SseEvent event);

    /**
     * Called on the subscriber's event loop once its stream is open: registers it for live
     * delivery on its channels and sends it, first, the {@value Subscriber#HISTORY_LOST_EVENT}
     * event if its {@code Last-Event-ID} cannot be honoured, then every retained event after that
     * id in id order; live events follow with no gap and no duplicate.
     */
    void subscribe(Subscriber subscriber);

    /** Called on the subscriber's event loop when its stream ended; idempotent. */
    void unsubscribe(Subscriber subscriber);

    /**
     * Housekeeping (expiring old history, forgetting idle channels), called now and then from an
     * event loop; must not block. Does nothing by default.
     */
    default void maintain() {
    }

    /** A snapshot of every channel that has subscribers or retained history, sorted by name. */
    List<ChannelStats> channels();

    /** Totals across all channels, including channels that no longer exist. */
    SseStats totals();
}
