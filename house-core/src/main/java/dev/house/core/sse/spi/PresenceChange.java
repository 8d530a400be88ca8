package dev.house.core.sse.spi;

import dev.house.core.sse.Presence;
import java.util.List;

/**
 * One channel's presence changes over a short batch (a few hundred milliseconds), coalesced: an
 * identity that came and went within it appears in neither list.
 *
 * <p>From the channels to a {@link SharedPresence} it is one node's view: {@code joined} got
 * their first stream on this node, {@code left} lost their last one here (after the grace
 * period), and {@code subscribers} is this node's stream count on the channel now. From a
 * {@link SharedPresence} to {@link BrokerContext#announce} it is the cluster's: first stream
 * anywhere, last stream gone everywhere; {@code subscribers} is then unused ({@code -1}).
 *
 * @param channel     a valid channel name
 * @param joined      identities that joined
 * @param left        identities that left
 * @param subscribers this node's subscriber count on the channel, or {@code -1}
 */
public record PresenceChange(String channel, List<Presence> joined, List<Presence> left, int subscribers) {
    public PresenceChange {
        joined = List.copyOf(joined);
        left = List.copyOf(left);
    }
}
