package dev.house.spring.autoconfigure;

import dev.house.core.sse.SseConfig;

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
        return builder;
    }
}
