package dev.house.spring.sse;

import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.EventId;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The {@link ChannelPublisher} over house-core's {@link SseChannels}. */
public final class SseChannelPublisher implements ChannelPublisher {

    private final SseChannels channels;
    private final JsonMapper mapper;

    public SseChannelPublisher(SseChannels channels, JsonMapper mapper) {
        this.channels = channels;
        this.mapper = mapper;
    }

    @Override
    public EventId publish(String channel, Object payload) {
        return channels.publish(channel, SseEvent.data(data(payload)));
    }

    @Override
    public EventId publish(String channel, String eventName, Object payload) {
        return channels.publish(channel, SseEvent.named(eventName, data(payload)));
    }

    @Override
    public EventId publish(String channel, SseEvent event) {
        return channels.publish(channel, event);
    }

    @Override
    public int subscriberCount(String channel) {
        return channels.subscriberCount(channel);
    }

    @Override
    public ChannelPresence presence(String channel) {
        return channels.presence(channel);
    }

    @Override
    public List<ChannelStats> channels() {
        return channels.channels();
    }

    private String data(Object payload) {
        if (payload instanceof CharSequence text) {
            return text.toString();
        }
        return mapper.writeValueAsString(payload);
    }
}
