package dev.house.core.sse.spi;

import dev.house.core.sse.ChannelPresence;
import java.util.List;

/**
 * Presence kept by a broker for several nodes: each node's channels send it their coalesced
 * changes, it decides which are cluster-wide (an identity joins with its first stream on any
 * node and leaves with its last stream on every node) and announces those through
 * {@link BrokerContext#announce}, and it answers who is on a channel across all nodes. A node that
 * stops without saying so (a crash) must have its identities expire within a bounded time,
 * announced as leaves.
 *
 * <p>Methods may block on the shared store; they are never called on an event loop.
 */
public interface SharedPresence {

    /**
     * This node's changes, in order. With {@code full}, {@code changes} is this node's whole
     * presence (every channel it has subscribers or identities on) and replaces what the store
     * held for this node, e.g. after the store lost it.
     */
    void update(List<PresenceChange> changes, boolean full);

    /**
     * Who is on {@code channel} on all nodes: subscriber and identity counts, and at most
     * {@code limit} identities.
     */
    ChannelPresence presence(String channel, int limit);

    /** Streams subscribed to {@code channel} on all nodes. */
    int subscribers(String channel);
}
