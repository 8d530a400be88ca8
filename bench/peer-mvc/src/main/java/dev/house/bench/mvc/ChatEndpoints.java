package dev.house.bench.mvc;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The three bench endpoints, with the fan-out users write for {@link SseEmitter}: a concurrent
 * set of emitters per room, each sent the event in turn by the posting thread, dropped when a
 * send fails. The JSON is encoded once per message, not per subscriber.
 */
@RestController
class ChatEndpoints {
    private final Map<String, Set<SseEmitter>> rooms = new ConcurrentHashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    /** The JSON body of {@code POST /send-message}. */
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
    SseEmitter source(@RequestParam String room) throws IOException {
        SseEmitter emitter = new SseEmitter(0L); // 0: never time out, like the other servers' streams
        Set<SseEmitter> members = room(room);
        members.add(emitter);
        emitter.onCompletion(() -> members.remove(emitter));
        emitter.onTimeout(() -> members.remove(emitter));
        emitter.onError(e -> members.remove(emitter));
        emitter.send(SseEmitter.event().comment("connected"));
        return emitter;
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> sendForm(@RequestParam String room, @RequestParam String name, @RequestParam String message) {
        return publish(new Post(room, name, message));
    }

    @PostMapping(path = "/send-message", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> sendJson(@RequestBody Post post) {
        if (post.room() == null || post.name() == null || post.message() == null) {
            return ResponseEntity.badRequest().build();
        }
        return publish(post);
    }

    private ResponseEntity<Void> publish(Post post) {
        String data = json.writeValueAsString(new Message(post.name(), post.message(), System.currentTimeMillis()));
        for (SseEmitter emitter : room(post.room())) {
            try {
                emitter.send(SseEmitter.event().data(data, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                emitter.completeWithError(gone);
            }
        }
        return ResponseEntity.noContent().build();
    }

    private Set<SseEmitter> room(String name) {
        return rooms.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
    }
}
