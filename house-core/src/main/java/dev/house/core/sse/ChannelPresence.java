package dev.house.core.sse;

import java.util.List;

/**
 * Who is on a channel on this node: an answer of bounded size.
 *
 * @param channel     the channel
 * @param subscribers streams subscribed now, with or without an identity
 * @param identities  distinct identities present (two tabs of one identity count once; one that
 *                    left within the grace period still counts)
 * @param members     up to the answer's limit of those identities, longest present first
 * @param complete    whether {@code members} holds every identity
 */
public record ChannelPresence(String channel, int subscribers, int identities, List<Presence> members,
                              boolean complete) {
    public ChannelPresence {
        members = List.copyOf(members);
    }

    static ChannelPresence empty(String channel) {
        return new ChannelPresence(channel, 0, 0, List.of(), true);
    }
}
