package dev.house.core.handler;

import static dev.house.core.handler.param.ParamTypes.STRING;
import static dev.house.core.handler.param.Restrictions.lengthBetween;
import static dev.house.core.handler.param.Restrictions.pattern;
import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;

import dev.house.core.handler.param.Param;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** The seeds' chat room written with the typed handler API, exactly as shown in HANDLERS.md. */
public final class ChatExample {
    private static final String INDEX_HTML = "<!doctype html><title>chat</title><!-- UI left as an exercise -->";

    record ChatMessage(String name, String message) {
    }

    private final SseChannels sse;
    private final JsonMapper json = JsonMapper.builder().build();

    public ChatExample(SseChannels sse) {
        this.sse = sse;
    }

    public Router router() {
        Param<String> room = Param.of("room", STRING).restrict(lengthBetween(1, 16), pattern("[A-Za-z0-9_-]+"));
        Param<String> name = Param.of("name", STRING).restrict(lengthBetween(1, 64));
        Param<String> message = Param.of("message", STRING).restrict(lengthBetween(5, 256));

        return Router.builder()
                .closing(GET, "/index", List.of(), args -> INDEX_HTML)
                .stream(GET, "/source", List.of(room), args -> sse.subscribe(args.request(), List.of(args.get(room))))
                .json(POST, "/send-message", List.of(room, name, message), args -> {
                    ChatMessage said = new ChatMessage(args.get(name), args.get(message));
                    sse.publish(args.get(room), SseEvent.named("message", json.writeValueAsString(said)));
                    return Map.of("ok", true);
                })
                .redirect("/", "/index", 302)
                .build();
    }
}
