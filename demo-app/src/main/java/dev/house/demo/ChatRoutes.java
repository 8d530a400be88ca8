package dev.house.demo;

import static dev.house.core.handler.param.ParamTypes.STRING;
import static dev.house.core.handler.param.Restrictions.lengthBetween;
import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;

import dev.house.core.files.StaticFiles;
import dev.house.core.handler.Router;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.Source;
import dev.house.core.sse.SseChannels;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The chat room's routes, with the seeds' names and rules:
 * <ul>
 *   <li>{@code GET /index}: the page ({@code GET /} redirects there); other files from
 *       {@code classpath:/static/}.</li>
 *   <li>{@code GET /source?room=R}: an SSE stream of room R's messages, resuming after
 *       {@code Last-Event-ID} (or the {@code lastEventId} query parameter).</li>
 *   <li>{@code POST /send-message} (form or JSON body) and {@code GET /send-message} (query) with
 *       {@code room}, {@code name} and {@code message}: publishes to the room, answers 200 JSON.</li>
 * </ul>
 * Parameters are checked by house before any of this code runs: a missing or out-of-bounds one
 * answers 400 {@code application/problem+json} with one {@code errors[]} entry per parameter.
 */
@Component
public class ChatRoutes implements HouseRouterCustomizer {

    /** Any text of 1 to 16 characters; {@link RoomChannel} maps it to a valid channel name. */
    static final Param<String> ROOM = Param.of("room", STRING).restrict(lengthBetween(1, 16));
    static final Param<String> NAME = Param.of("name", STRING).restrict(lengthBetween(1, 64));
    static final Param<String> MESSAGE = Param.of("message", STRING).restrict(lengthBetween(5, 256));

    private final ChatRoom chat;
    private final ChatPage page;
    private final SseChannels channels;

    public ChatRoutes(ChatRoom chat, ChatPage page, SseChannels channels) {
        this.chat = chat;
        this.page = page;
        this.channels = channels;
    }

    @Override
    public void customize(Router.Builder router) {
        List<Param<String>> message = List.of(ROOM, NAME, MESSAGE);
        router.closing(GET, "/index", List.of(), args -> page.response())
                .redirect("/", "/index", 302)
                .stream(GET, "/source", List.of(ROOM.from(Source.QUERY)), args -> channels.subscribe(args.request(),
                        List.of(RoomChannel.of(args.get(ROOM)))))
                .json(POST, "/send-message", message,
                        args -> chat.post(args.get(ROOM), args.get(NAME), args.get(MESSAGE)))
                .json(GET, "/send-message", List.of(ROOM.from(Source.QUERY), NAME.from(Source.QUERY),
                                MESSAGE.from(Source.QUERY)),
                        args -> chat.post(args.get(ROOM), args.get(NAME), args.get(MESSAGE)))
                .get("/{*path}", StaticFiles.fromClasspath("classpath:/static/").handler("/"));
    }
}
