package dev.house.core.sse.spi;

import java.util.List;

/**
 * What {@link dev.house.core.sse.SseChannels} lends the broker it was built with, through
 * {@link SseBroker#attach}: the node's fan-out, and where cluster-wide presence changes go.
 */
public interface BrokerContext {

    /** This node's per-loop delivery, shared by all its subscribers. */
    Fanout fanout();

    /**
     * Announces presence changes decided cluster-wide (an identity's first stream anywhere, its
     * last stream gone everywhere, a crashed node's identities expired) as {@code house-join} and
     * {@code house-leave} events on the channels that want them. Blocking (it publishes through
     * the broker): call off the event loops, in the order the changes happened.
     */
    void announce(List<PresenceChange> changes);

    /**
     * Asks the channels to send this node's whole presence again, as one
     * {@link SharedPresence#update} with {@code full} (soon, on another thread): for a store that
     * lost this node's entries (expired while the node could not reach it, or restarted empty).
     */
    void resendPresence();
}
