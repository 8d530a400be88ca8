package dev.house.core.handler;

import static dev.house.core.handler.param.ParamTypes.STRING;
import static dev.house.core.handler.param.Restrictions.lengthBetween;
import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;

import dev.house.core.handler.param.Param;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** The seeds' chat room written with the typed handler API, exactly as shown in HANDLERS.md. */
public final class ChatExample {
    private static final String INDEX_HTML = "<!doctype html><title>chat</title><!-- UI left as an exercise -->";

    record ChatMessage(String name, String message) {
    }

    private final Map<String, Set<ResponseStream>> rooms = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    public Router router() {
        Param<String> room = Param.of("room", STRING).restrict(lengthBetween(1, 16));
        Param<String> name = Param.of("name", STRING).restrict(lengthBetween(1, 64));
        Param<String> message = Param.of("message", STRING).restrict(lengthBetween(5, 256));

        return Router.builder()
                .closing(GET, "/index", List.of(), args -> INDEX_HTML)
                .stream(GET, "/source", List.of(room), args -> subscribe(args.get(room)))
                .json(POST, "/send-message", List.of(room, name, message), args -> {
                    publish(args.get(room), new ChatMessage(args.get(name), args.get(message)));
                    return Map.of("ok", true);
                })
                .redirect("/", "/index", 302)
                .build();
    }

    private Response subscribe(String room) {
        return Response.stream("text/event-stream", stream -> {
            Set<ResponseStream> subscribers = rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
            subscribers.add(stream);
            stream.onClose(() -> subscribers.remove(stream));
        });
    }

    private void publish(String room, ChatMessage event) {
        StreamChunk chunk = StreamChunk.of("data: " + json.writeValueAsString(event) + "\n\n");
        for (ResponseStream subscriber : rooms.getOrDefault(room, Set.of())) {
            subscriber.send(chunk);
        }
    }

    int subscribers(String room) {
        return rooms.getOrDefault(room, Set.of()).size();
    }
}
