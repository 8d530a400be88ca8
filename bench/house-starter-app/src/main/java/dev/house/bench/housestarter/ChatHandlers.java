package dev.house.bench.housestarter;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.handler.StreamRoute;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three bench endpoints as a Spring user writes them with the starter. None blocks, so each
 * runs on the event loop ({@link Execution#EVENT_LOOP}), as the starter's documentation advises
 * for such code; parameters are bound by name from the query or the form/JSON body.
 */
@HouseHandler
class ChatHandlers {
    private final SseChannels channels;
    private final JsonMapper json = JsonMapper.builder().build();

    ChatHandlers(SseChannels channels) {
        this.channels = channels;
    }

    /** The JSON published to a room. */
    record Message(String name, String message, long at) {
    }

    @ClosingRoute(path = "/hello", contentType = "text/plain; charset=utf-8", execution = Execution.EVENT_LOOP)
    String hello() {
        return "Hello, world";
    }

    @StreamRoute(path = "/source", execution = Execution.EVENT_LOOP)
    Response source(String room, Request request) {
        return channels.subscribe(request, List.of(room));
    }

    @ClosingRoute(method = HttpMethod.POST, path = "/send-message", execution = Execution.EVENT_LOOP)
    void send(String room, String name, String message) {
        channels.publish(room, SseEvent.data(json.writeValueAsString(new Message(name, message, System.currentTimeMillis()))));
    }
}
