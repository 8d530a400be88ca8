package dev.house.demo;

import dev.house.core.sse.EventId;
import dev.house.spring.sse.ChannelPublisher;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Posts messages to rooms: each becomes one SSE event on the room's channel, replayable by id. */
@Service
public class ChatRoom {

    private final ChannelPublisher publisher;

    public ChatRoom(ChannelPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes {@code message} from {@code name} to every subscriber of {@code room}, as an
     * unnamed event (a browser's {@code message} event) whose data is a {@link ChatMessage}.
     */
    public Posted post(String room, String name, String message) {
        ChatMessage said = new ChatMessage(name, message, Instant.now().toString());
        EventId id = publisher.publish(RoomChannel.of(room), said);
        return new Posted(id.toString(), said.at());
    }

    /**
     * The reply to whoever sent a message.
     *
     * @param id the event id subscribers see it under
     * @param at when it was accepted, as in the event
     */
    public record Posted(String id, String at) {
    }
}
