package dev.house.core.sse;

/**
 * Totals across every channel, past ones included.
 *
 * @param channels        channels that exist right now (subscribers or retained history)
 * @param subscriptions   (stream, channel) subscriptions right now
 * @param published       events published
 * @param delivered       event writes to subscribers, replays included
 * @param droppedSlow     subscribers cut off as too slow
 * @param retainedEvents  events held for replay
 * @param retainedBytes   estimated memory those events take
 */
public record SseStats(int channels, long subscriptions, long published, long delivered,
                       long droppedSlow, long retainedEvents, long retainedBytes) {
}
