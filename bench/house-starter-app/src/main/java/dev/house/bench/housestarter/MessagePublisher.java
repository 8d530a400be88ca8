package dev.house.bench.housestarter;

import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import tools.jackson.databind.json.JsonMapper;

/** Publishes a chat message to its room as the JSON every bench server sends. */
final class MessagePublisher {
    private final SseChannels channels;
    private final JsonMapper json = JsonMapper.builder().build();

    /** The JSON published to a room. */
    record Message(String name, String message, long at) {
    }

    MessagePublisher(SseChannels channels) {
        this.channels = channels;
    }

    void publish(String room, String name, String message) {
        channels.publish(room, SseEvent.data(json.writeValueAsString(new Message(name, message, System.currentTimeMillis()))));
    }
}
