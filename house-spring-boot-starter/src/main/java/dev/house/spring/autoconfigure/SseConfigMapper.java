package dev.house.spring.autoconfigure;

import dev.house.core.sse.SseConfig;
import java.util.List;
import java.util.function.Predicate;

/**
 * Turns the {@code house.sse.*} properties into an {@link SseConfig}; house-core validates each
 * value and a refusal is reported against its property.
 */
final class SseConfigMapper {

    private SseConfigMapper() {
    }

    static SseConfig.Builder toBuilder(HouseProperties.Sse sse) {
        SseConfig.Builder builder = SseConfig.builder();
        PropertyValues.apply("house.sse.heartbeat", sse.getHeartbeat(), builder::heartbeat);
        PropertyValues.apply("house.sse.retry", sse.getRetry(), builder::retry);
        PropertyValues.apply("house.sse.history-size", sse.getHistorySize(), builder::historySize);
        PropertyValues.apply("house.sse.history-ttl", sse.getHistoryTtl(), builder::historyTtl);
        PropertyValues.apply("house.sse.history-memory-cap", sse.getHistoryMemoryCap(),
                size -> builder.historyMemoryCap(size.toBytes()));
        PropertyValues.apply("house.sse.max-pending-bytes", sse.getMaxPendingBytes(),
                size -> builder.maxPendingBytes(size.toBytes()));
        PropertyValues.apply("house.sse.max-channels-per-stream", sse.getMaxChannelsPerStream(),
                builder::maxChannelsPerStream);
        PropertyValues.apply("house.sse.max-channels", sse.getMaxChannels(), builder::maxChannels);
        PropertyValues.apply("house.sse.presence.grace", sse.getPresence().getGrace(), builder::presenceGrace);
        PropertyValues.apply("house.sse.presence.batch", sse.getPresence().getBatch(), builder::presenceBatch);
        PropertyValues.apply("house.sse.presence.max-answer", sse.getPresence().getMaxAnswer(),
                builder::maxPresenceAnswer);
        return builder;
    }

    /**
     * The channels named by {@code house.sse.presence.events}: exact names, or prefixes ending
     * with {@code *}.
     */
    static Predicate<String> presenceEvents(List<String> patterns) {
        List<String> exact = patterns.stream().filter(p -> !p.endsWith("*")).toList();
        List<String> prefixes = patterns.stream().filter(p -> p.endsWith("*"))
                .map(p -> p.substring(0, p.length() - 1)).toList();
        if (exact.isEmpty() && prefixes.isEmpty()) {
            return channel -> false;
        }
        return channel -> exact.contains(channel) || prefixes.stream().anyMatch(channel::startsWith);
    }
}
