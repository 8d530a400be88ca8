package dev.house.demo;

import dev.house.core.handler.param.Source;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.sse.ChannelPresence;
import dev.house.core.sse.Presence;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.handler.HttpParam;
import dev.house.spring.handler.JsonRoute;
import dev.house.spring.handler.RedirectRoute;
import dev.house.spring.handler.StreamRoute;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat room's routes, with the seeds' names and rules:
 * <ul>
 *   <li>{@code GET /index}: the page ({@code /} redirects there). Its script and style sheet
 *       are static files ({@code house.static.*}, default {@code classpath:/static/}).</li>
 *   <li>{@code GET /source?room=R}: an SSE stream of room R's messages, resuming after
 *       {@code Last-Event-ID} (or the {@code lastEventId} query parameter). With
 *       {@code &name=N} the stream is present in the room as N (with the {@code secure} profile
 *       always, as the signed-in user, whatever N says): it first gets a
 *       {@value #PRESENCE_EVENT} event listing who is there, then {@code house-join} and
 *       {@code house-leave} events as people come and go.</li>
 *   <li>{@code POST /send-message} (form or JSON body) and {@code GET /send-message} (query) with
 *       {@code room}, {@code name} and {@code message}: publishes to the room, answers 200 JSON.</li>
 * </ul>
 * House checks the parameters before a method runs: a missing one, or one outside its
 * {@code @Size}, answers 400 {@code application/problem+json} with one {@code errors[]} entry
 * per bad parameter, naming it. Sizes count UTF-16 code units, as a browser's {@code maxlength}
 * does, so the page's limits and the server's agree.
 */
@HouseHandler
public class ChatHandlers {

    static final String ROOM_SIZE = "must be 1 to 16 characters long";
    static final String NAME_SIZE = "must be 1 to 64 characters long";
    static final String MESSAGE_SIZE = "must be 5 to 256 characters long";
    /** The event a present stream gets first: {@code {"names":["Ada"],"count":1}}. */
    static final String PRESENCE_EVENT = "presence";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final ChatRoom chat;
    private final ChatPage page;
    private final SseChannels channels;

    public ChatHandlers(ChatRoom chat, ChatPage page, SseChannels channels) {
        this.chat = chat;
        this.page = page;
        this.channels = channels;
    }

    @ClosingRoute(path = "/index")
    public Response index() {
        return page.response();
    }

    @RedirectRoute(path = "/")
    public String root() {
        return "/index";
    }

    /** Any room text works: {@link RoomChannel} maps it to a valid channel name. */
    @StreamRoute(path = "/source")
    public Response source(@HttpParam(from = Source.QUERY) @Size(min = 1, max = 16, message = ROOM_SIZE) String room,
                           @HttpParam(from = Source.QUERY) @Nullable @Size(min = 1, max = 64, message = NAME_SIZE)
                           String name,
                           @Nullable Principal user,
                           Request request) {
        String channel = RoomChannel.of(room);
        // Signed in (the secure profile): present as the user, whatever name the page sent.
        // Otherwise the name the user joined with, as the page sends it when posting: the open
        // demo has no accounts, so the name, checked like a message's, is all there is to trust.
        String identity = user != null ? user.getName() : name;
        if (identity == null) {
            return channels.subscribe(request, List.of(channel));
        }
        Presence who = Presence.of(identity, JSON.writeValueAsString(Map.of("name", identity)));
        // Asked here, on a worker: with house.broker=redis the answer comes from Redis, which an
        // event loop (where the open callback runs) must not wait for.
        String present = presence(channels.presence(channel));
        return channels.subscribe(request, List.of(channel), who,
                stream -> stream.emit(SseEvent.named(PRESENCE_EVENT, present)));
    }

    private static String presence(ChannelPresence present) {
        List<String> names = present.members().stream().map(Presence::id).toList();
        return JSON.writeValueAsString(Map.of("names", names, "count", present.identities()));
    }

    @JsonRoute(method = HttpMethod.POST, path = "/send-message")
    public ChatRoom.Posted send(@Size(min = 1, max = 16, message = ROOM_SIZE) String room,
                                @Size(min = 1, max = 64, message = NAME_SIZE) String name,
                                @Size(min = 5, max = 256, message = MESSAGE_SIZE) String message) {
        return chat.post(room, name, message);
    }

    /**
     * The seeds' way to send: everything in the query, so a link or a plain {@code curl} does it.
     * A GET that publishes is not safe, so it is marked: HEAD answers 405 instead of sending.
     */
    @JsonRoute(method = HttpMethod.GET, path = "/send-message", unsafe = true)
    public ChatRoom.Posted sendByQuery(
            @HttpParam(from = Source.QUERY) @Size(min = 1, max = 16, message = ROOM_SIZE) String room,
            @HttpParam(from = Source.QUERY) @Size(min = 1, max = 64, message = NAME_SIZE) String name,
            @HttpParam(from = Source.QUERY) @Size(min = 5, max = 256, message = MESSAGE_SIZE) String message) {
        return chat.post(room, name, message);
    }
}
