package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who is in a chat room, as the page learns it from its stream: a list first, then joins and leaves. */
@SpringBootTest(classes = ChatApplication.class,
        properties = {"house.port=0", "house.sse.presence.grace=500ms", "house.sse.presence.batch=50ms"})
class ChatPresenceHttpTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.house.port}")
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<SseLines> streams = new ArrayList<>();

    @AfterEach
    void closeStreams() {
        streams.forEach(SseLines::close);
    }

    @Test
    void aNamedVisitorSeesWhoIsThereAndTheOthersSeeItJoinAndLeave() throws Exception {
        SseLines ada = open("/source?room=presence&name=Ada");
        assertThat(event(ada, "presence").get("names")).isEmpty();
        assertThat(ids(event(ada, "house-join"))).containsExactly("Ada");

        SseLines bob = open("/source?room=presence&name=Bob");
        assertThat(event(bob, "presence").get("names").get(0).asString()).isEqualTo("Ada");
        assertThat(ids(event(ada, "house-join"))).containsExactly("Bob");

        bob.close();
        streams.remove(bob);
        assertThat(ids(event(ada, "house-leave"))).containsExactly("Bob");
    }

    @Test
    void aVisitorWithoutANameIsNotPresent() throws Exception {
        SseLines watcher = open("/source?room=anonymous");
        open("/source?room=anonymous");
        open("/source?room=anonymous&name=Cy");
        assertThat(ids(event(watcher, "house-join"))).containsExactly("Cy");
    }

    private SseLines open(String path) throws Exception {
        SseLines lines = SseLines.open(client, URI.create("http://127.0.0.1:" + port + path));
        assertThat(lines.response().statusCode()).isEqualTo(200);
        streams.add(lines);
        return lines;
    }

    /** The data of the next event named {@code name}, skipping others. */
    private static JsonNode event(SseLines stream, String name) throws Exception {
        while (true) {
            List<String> event = stream.nextEvent();
            if (event.contains("event: " + name) || event.contains("event:" + name)) {
                return JSON.readTree(SseLines.field(event, "data"));
            }
        }
    }

    private static List<String> ids(JsonNode presenceEvent) {
        List<String> ids = new ArrayList<>();
        presenceEvent.get("members").forEach(m -> ids.add(m.get("id").asString()));
        return ids;
    }
}
