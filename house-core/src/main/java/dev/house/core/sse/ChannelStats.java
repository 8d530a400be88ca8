package dev.house.core.sse;

/**
 * A snapshot of one channel's counts.
 *
 * @param subscribers  streams subscribed right now on this node
 * @param published    events published to the channel
 * @param delivered    event writes to subscribers, replays included
 * @param droppedSlow  subscribers cut off as too slow while receiving this channel's events
 * @param retained     events held for replay
 */
public record ChannelStats(String name, int subscribers, long published, long delivered,
                           long droppedSlow, int retained) {
}
