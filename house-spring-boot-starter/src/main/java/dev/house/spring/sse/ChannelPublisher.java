package dev.house.spring.sse;

import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseEvent;
import java.util.List;

/**
 * Publishes server-sent events to house channels: every subscriber of the channel gets each
 * event once, in order. Inject it into any service; every method is safe from any thread and
 * returns without waiting for a socket.
 *
 * <pre>{@code
 * @Service
 * class ChatService {
 *     private final ChannelPublisher publisher;
 *
 *     void post(String room, Message message) {
 *         publisher.publish("room-" + room, "message", message);   // JSON data, event: message
 *     }
 * }
 * }</pre>
 *
 * <p><b>Transactions.</b> Publishing is immediate: called inside a {@code @Transactional}
 * method, the event goes out before the transaction commits, and is not taken back if it rolls
 * back. To publish only what was committed, publish from a
 * {@code @TransactionalEventListener(phase = AFTER_COMMIT)} method.
 */
public interface ChannelPublisher {

    /**
     * Publishes an unnamed event (a browser's {@code message}) carrying {@code payload}: text
     * as it is, anything else as JSON written by the application's {@code JsonMapper}.
     *
     * @return the id the event got, which clients resume after
     * @throws IllegalArgumentException for an invalid channel name
     */
    EventId publish(String channel, Object payload);

    /** Publishes an event named {@code eventName} ({@code event:}), its payload as in {@link #publish(String, Object)}. */
    EventId publish(String channel, String eventName, Object payload);

    /**
     * Publishes a ready event, for full control of its name, data and {@code retry:} hint. Its
     * id is given by the channel, so the event must not carry one.
     */
    EventId publish(String channel, SseEvent event);

    /**
     * Streams subscribed to {@code channel} right now, 0 for an unknown channel: on this node, or
     * on every node with {@code house.broker=redis} (then asked of Redis: not on an event loop).
     */
    int subscriberCount(String channel);

    /**
     * Who is on {@code channel}: its subscriber count and distinct identities (given by handlers
     * at subscribe time), at most {@code house.sse.presence.max-answer} listed. On this node, or
     * on every node with {@code house.broker=redis} (then asked of Redis: not on an event loop).
     */
    ChannelPresence presence(String channel);

    /** Every channel with subscribers or retained history, sorted by name: a snapshot. */
    List<ChannelStats> channels();
}
