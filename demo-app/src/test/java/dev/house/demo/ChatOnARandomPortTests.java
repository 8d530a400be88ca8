package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.test.HouseTestClient;
import dev.house.spring.test.SseSubscription;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The demo as a Spring user tests it: {@code RANDOM_PORT} (beating {@code house.port: 4242} of
 * application.yml), {@code @LocalServerPort} and the injected {@link HouseTestClient}.
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatOnARandomPortTests {

    @LocalServerPort
    int port;

    @Autowired
    HouseTestClient client;

    @Test
    void aMessagePostedAsJsonReachesTheRoomsSubscribers() {
        assertThat(port).isPositive().isNotEqualTo(4242);
        try (SseSubscription room = client.sse("/source?room=tea-room").open()) {
            client.post("/send-message").json(Map.of("room", "tea-room", "name", "Ada", "message", "tea is ready"))
                    .exchange()
                    .expectStatus(200)
                    .expectJsonPath("$.id", id -> assertThat(id).isNotNull());
            room.awaitEvent(e -> e.data().contains("tea is ready"), Duration.ofSeconds(5));
        }
    }

    @Test
    void aReconnectingSubscriberGetsWhatItMissed() {
        SseSubscription room = client.sse("/source?room=resume-tea").open();
        client.post("/send-message").json(Map.of("room", "resume-tea", "name", "Ada", "message", "first pot")).exchange();
        room.awaitEvent(e -> e.data().contains("first pot"), Duration.ofSeconds(5));
        room.close();
        client.post("/send-message").json(Map.of("room", "resume-tea", "name", "Ada", "message", "second pot")).exchange();

        try (SseSubscription resumed = room.reconnect()) {
            assertThat(resumed.awaitEvent(e -> true, Duration.ofSeconds(5)).data()).contains("second pot");
        }
    }
}
