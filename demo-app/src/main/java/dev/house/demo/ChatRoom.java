package dev.house.demo;

import dev.house.core.sse.EventId;
import dev.house.spring.sse.ChannelPublisher;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/** Posts messages to rooms: each becomes one SSE event on the room's channel, replayable by id. */
@Service
public class ChatRoom {

    private final ChannelPublisher publisher;
    private final Clock clock;

    @Autowired
    public ChatRoom(ChannelPublisher publisher) {
        this(publisher, Clock.systemUTC());
    }

    ChatRoom(ChannelPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Publishes {@code message} from {@code name} to every subscriber of {@code room}, as an
     * unnamed event (a browser's {@code message} event) whose data is a {@link ChatMessage}.
     */
    public Posted post(String room, String name, String message) {
        Instant at = clock.instant();
        ChatMessage said = new ChatMessage(name, message, at.toString());
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
