package dev.house.bench.webflux;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three bench endpoints over {@link Rooms} (in this JVM, or through Redis with
 * {@code bench.broker=redis}). The JSON is encoded once per message, not per subscriber.
 */
@RestController
class ChatEndpoints {
    private static final ServerSentEvent<String> CONNECTED = ServerSentEvent.<String>builder().comment("connected").build();

    private final Rooms rooms;
    private final JsonMapper json = JsonMapper.builder().build();

    ChatEndpoints(Rooms rooms) {
        this.rooms = rooms;
    }

    /** The form or JSON body of {@code POST /send-message}. */
    record Post(String room, String name, String message) {
    }

    /** The JSON published to a room. */
    record Message(String name, String message, long at) {
    }

    @GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
    String hello() {
        return "Hello, world";
    }

    @GetMapping(path = "/source", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> source(@RequestParam String room) {
        return Flux.concat(Flux.just(CONNECTED), rooms.events(room));
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Void>> sendForm(@ModelAttribute Post post) {
        return publish(post);
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Void>> sendJson(@RequestBody Post post) {
        return publish(post);
    }

    private Mono<ResponseEntity<Void>> publish(Post post) {
        if (post.room() == null || post.name() == null || post.message() == null) {
            return Mono.just(ResponseEntity.badRequest().build());
        }
        String data = json.writeValueAsString(new Message(post.name(), post.message(), System.currentTimeMillis()));
        return rooms.publish(post.room(), data).thenReturn(ResponseEntity.noContent().build());
    }
}
