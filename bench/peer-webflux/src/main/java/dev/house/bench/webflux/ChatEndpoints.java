package dev.house.bench.webflux;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three bench endpoints. Each room is a {@code Sinks.many().multicast().directBestEffort()}:
 * a subscriber without demand (a slow client) misses events instead of holding back the room,
 * which is the sink a chat fan-out wants ({@code onBackpressureBuffer()} would stall every
 * subscriber behind the slowest). The JSON is encoded once per message, not per subscriber.
 */
@RestController
class ChatEndpoints {
    private static final ServerSentEvent<String> CONNECTED = ServerSentEvent.<String>builder().comment("connected").build();

    private final Map<String, Sinks.Many<ServerSentEvent<String>>> rooms = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

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
        return Flux.concat(Flux.just(CONNECTED), room(room).asFlux());
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> sendForm(@ModelAttribute Post post) {
        return publish(post);
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> sendJson(@RequestBody Post post) {
        return publish(post);
    }

    private ResponseEntity<Void> publish(Post post) {
        if (post.room() == null || post.name() == null || post.message() == null) {
            return ResponseEntity.badRequest().build();
        }
        String data = json.writeValueAsString(new Message(post.name(), post.message(), System.currentTimeMillis()));
        Sinks.Many<ServerSentEvent<String>> sink = room(post.room());
        ServerSentEvent<String> event = ServerSentEvent.builder(data).build();
        // Sinks refuse concurrent emitters (FAIL_NON_SERIALIZED); posts arrive on several threads.
        synchronized (sink) {
            sink.tryEmitNext(event);
        }
        return ResponseEntity.noContent().build();
    }

    private Sinks.Many<ServerSentEvent<String>> room(String name) {
        return rooms.computeIfAbsent(name, n -> Sinks.many().multicast().directBestEffort());
    }
}
