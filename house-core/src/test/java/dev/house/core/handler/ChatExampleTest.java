package dev.house.core.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.sse.ChannelStats;
import dev.house.core.sse.SseChannels;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The chat room of HANDLERS.md works as documented. */
class ChatExampleTest {
    private final SseChannels sse = SseChannels.create();
    private HouseServer server;
    private Http http;

    @BeforeEach
    void start() {
        server = TestServers.start(new ChatExample(sse).router());
        http = new Http(server.port());
    }

    @AfterEach
    void stop() {
        server.stop();
        sse.close();
    }

    private int subscribers(String room) {
        return sse.channels().stream().filter(c -> c.name().equals(room)).mapToInt(ChannelStats::subscribers).sum();
    }

    @Test
    void indexIsHtml() throws Exception {
        HttpResponse<String> response = http.get("/index");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(response)).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void rootRedirectsToIndex() throws Exception {
        assertThat(http.get("/").headers().firstValue("Location")).contains("/index");
    }

    @Test
    void sentMessageReachesTheRoomsSubscribers() throws Exception {
        try (RawHttpClient subscriber = new RawHttpClient(server.port())) {
            subscriber.get("/source?room=lobby");
            assertThat(subscriber.readLine()).isEqualTo("HTTP/1.1 200 OK");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (subscribers("lobby") == 0) {
                assertThat(System.nanoTime()).as("subscribed in time").isLessThan(deadline);
                Thread.sleep(5);
            }
            HttpResponse<String> sent = http.form("/send-message", "room=lobby&name=ann&message=hello+all");
            assertThat(sent.body()).isEqualTo("{\"ok\":true}");
            String line;
            do {
                line = subscriber.readLine();
            } while (!line.startsWith("event: "));
            assertThat(line).isEqualTo("event: message");
            assertThat(subscriber.readLine()).isEqualTo("data: {\"name\":\"ann\",\"message\":\"hello all\"}");
        }
    }

    @Test
    void sourceRejectsTooLongRoom() throws Exception {
        HttpResponse<String> response = http.get("/source?room=" + "r".repeat(17));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).at("/errors/0/message").asString()).isEqualTo("length must be between 1 and 16");
    }

    @Test
    void roomMustBeAChannelName() throws Exception {
        HttpResponse<String> response = http.get("/source?room=a%20b");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).at("/errors/0/message").asString())
                .isEqualTo("must match the pattern [A-Za-z0-9_-]+");
    }

    @Test
    void sendMessageReportsEveryInvalidParameter() throws Exception {
        JsonNode errors = Http.tree(http.form("/send-message", "room=&message=hi")).get("errors");
        assertThat(errors.size()).isEqualTo(3);
        assertThat(errors.get(0).get("name").asString()).isEqualTo("room");
        assertThat(errors.get(1).get("reason").asString()).isEqualTo("missing");
        assertThat(errors.get(2).get("message").asString()).isEqualTo("length must be between 5 and 256");
    }
}
