package dev.house.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.sse.EventId;
import dev.house.core.sse.SseChannels;
import dev.house.core.http.Response;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import dev.house.spring.sse.ChannelPublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** The injected {@link HouseTestClient} against a real house server: JSON requests and SSE streams. */
@SpringBootTest(classes = HouseTestClientTests.OrderApplication.class,
        properties = { "spring.main.web-application-type=none", "house.port=0", "house.event-loops=1" })
class HouseTestClientTests {

    @Autowired
    HouseTestClient client;

    @Autowired
    ChannelPublisher publisher;

    @Test
    void aJsonPostIsAnsweredWithJsonTheClientCanExpect() {
        client.post("/orders").json(new Order("tea", 2)).exchange()
                .expectStatus(200)
                .expectJsonPath("$.item", "tea")
                .expectJsonPath("$.quantity", 2)
                .expectJsonPath("$.id", id -> assertThat(id).isNotNull());
    }

    @Test
    void aStreamReceivesTheEventAPostPublished() {
        try (SseSubscription stream = client.sse("/orders/stream").open()) {
            awaitSubscribers(1);
            client.post("/orders").json(new Order("tea", 1)).exchange().expectStatus(200);
            ServerSentEvent event = stream.awaitEvent(e -> e.data().contains("tea"), Duration.ofSeconds(5));
            assertThat(event.id()).isNotBlank();
        }
    }

    @Test
    void aReconnectedStreamResumesAfterTheLastEventItReceived() {
        SseSubscription stream = client.sse("/orders/stream").open();
        awaitSubscribers(1);
        client.post("/orders").json(new Order("scone", 1)).exchange().expectStatus(200);
        stream.awaitEvent(e -> e.data().contains("scone"), Duration.ofSeconds(5));
        stream.close();
        awaitSubscribers(0);
        client.post("/orders").json(new Order("coffee", 1)).exchange().expectStatus(200);

        try (SseSubscription resumed = stream.reconnect()) {
            ServerSentEvent missed = resumed.awaitEvent(e -> true, Duration.ofSeconds(5));
            assertThat(missed.data()).contains("coffee");
        }
    }

    @Test
    void aFailedExpectationNamesTheRequestAndShowsTheResponse() {
        assertThatThrownBy(() -> client.get("/orders/none").exchange().expectStatus(200))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET http://127.0.0.1:")
                .hasMessageContaining("expected status 200 but was 404");
    }

    @Test
    void anEventThatNeverComesFailsWithWhatDidArrive() {
        try (SseSubscription stream = client.sse("/orders/stream").open()) {
            awaitSubscribers(1);
            client.post("/orders").json(new Order("water", 1)).exchange();
            assertThatThrownBy(() -> stream.awaitEvent(e -> e.data().contains("wine"), Duration.ofMillis(500)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("water");
        }
    }

    private void awaitSubscribers(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (publisher.subscriberCount("orders") != count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " subscribers");
            }
            Thread.onSpinWait();
        }
    }

    record Order(String item, int quantity) {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OrderApplication {

        @Bean
        HouseRouterCustomizer orderRoutes(SseChannels channels, ChannelPublisher publisher, JsonMapper mapper) {
            return router -> router
                    .post("/orders", request -> {
                        Order order = mapper.readValue(request.body(), Order.class);
                        EventId id = publisher.publish("orders", order);
                        return Response.bytes(mapper.writeValueAsBytes(Map.of("id", id.toString(),
                                "item", order.item(), "quantity", order.quantity())), Response.APPLICATION_JSON);
                    })
                    .get("/orders/stream", request -> channels.subscribe(request, List.of("orders")));
        }
    }
}
