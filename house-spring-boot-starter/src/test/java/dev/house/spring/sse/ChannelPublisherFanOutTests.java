package dev.house.spring.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.SseProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Services publish through the injected {@link ChannelPublisher}; real SSE clients receive. */
@SpringBootTest(classes = ChannelPublisherFanOutTests.ChatApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "house.port=0", "house.event-loops=2", "house.sse.heartbeat=1m" })
class ChannelPublisherFanOutTests {

    @Value("${local.house.port}")
    int port;

    @Autowired
    ChannelPublisher publisher;

    @Test
    void everySubscriberGetsAnObjectAsJsonWrittenByTheApplicationsMapper() throws Exception {
        try (SseProbe first = SseProbe.open(port, "/events?channel=lobby");
             SseProbe second = SseProbe.open(port, "/events?channel=lobby")) {
            assertThat(first.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            HttpProbe.await(() -> publisher.subscriberCount("lobby") == 2, "both clients subscribe");

            publisher.publish("lobby", "message", new ChatMessage("ada", "hello all"));

            for (SseProbe client : new SseProbe[] { first, second }) {
                assertThat(client.nextLineStartingWith("event:")).isEqualTo("event: message");
                assertThat(client.nextLineStartingWith("data:"))
                        .isEqualTo("data: {\"author_name\":\"ada\",\"text\":\"hello all\"}");
            }
        }
    }

    @Test
    void textIsSentAsItIsAndEventsKeepTheirRetryHint() throws Exception {
        try (SseProbe client = SseProbe.open(port, "/events?channel=news")) {
            HttpProbe.await(() -> publisher.subscriberCount("news") == 1, "the client subscribes");

            publisher.publish("news", "plain words");
            publisher.publish("news", SseEvent.builder().name("update").data("x").retry(Duration.ofMillis(1500)).build());

            assertThat(client.nextLineStartingWith("data:")).isEqualTo("data: plain words");
            assertThat(client.nextLineStartingWith("retry:")).isEqualTo("retry: 1500");
        }
    }

    @Test
    void anUnknownChannelHasNoSubscribers() {
        assertThat(publisher.subscriberCount("nobody-here")).isZero();
    }

    record ChatMessage(String authorName, String text) {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ChatApplication {

        @Bean
        JsonMapper snakeCaseMapper() {
            return JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        }

        @Bean
        HouseRouterCustomizer events(SseChannels channels) {
            return router -> router.get("/events", channels::subscribe)
                    .get("/", request -> Response.text("chat"));
        }
    }
}
