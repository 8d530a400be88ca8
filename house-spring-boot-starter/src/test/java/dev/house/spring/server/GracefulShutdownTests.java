package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Handler;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.SseProbe;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** Closing the application context stops house gracefully: in-flight requests finish, within the grace period. */
class GracefulShutdownTests {

    private SlowHandler slow;

    @AfterEach
    void releaseHandlers() {
        if (slow != null) {
            slow.release.countDown();
        }
    }

    @Test
    void closingTheContextLetsAnInFlightSlowRequestFinish() throws Exception {
        ConfigurableApplicationContext context = start("house.shutdown.grace-period=10s");
        HouseServer server = context.getBean(HouseServer.class);
        slow = context.getBean(SlowHandler.class);
        CompletableFuture<HttpResponse<String>> response = HttpProbe.getAsync(server.port(), "/slow");
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        HttpProbe.await(() -> !server.isRunning(), "the server starts draining");
        assertThat(closing).isNotDone();
        slow.release.countDown();

        assertThat(response.get(5, TimeUnit.SECONDS).body()).isEqualTo("finally done");
        closing.get(5, TimeUnit.SECONDS);
        assertThat(context.isActive()).isFalse();
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void closingTheContextCutsRequestsStillRunningAfterTheGracePeriod() throws Exception {
        ConfigurableApplicationContext context = start("house.shutdown.grace-period=100ms");
        HouseServer server = context.getBean(HouseServer.class);
        slow = context.getBean(SlowHandler.class);
        CompletableFuture<HttpResponse<String>> response = HttpProbe.getAsync(server.port(), "/slow");
        assertThat(slow.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.runAsync(context::close).get(5, TimeUnit.SECONDS);

        assertThat(context.isActive()).isFalse();
        assertThat(server.connectionCount()).isZero();
        assertThatThrownBy(() -> response.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    }

    @Test
    void closingTheContextEndsEventStreamsWithARetryHint() throws Exception {
        ConfigurableApplicationContext context = start("house.sse.retry=7s");
        HouseServer server = context.getBean(HouseServer.class);
        ChannelPublisher publisher = context.getBean(ChannelPublisher.class);
        try (SseProbe events = SseProbe.open(server.port(), "/events?channel=lobby")) {
            assertThat(events.nextLineStartingWith("retry:")).isEqualTo("retry: 7000"); // sent on open
            HttpProbe.await(() -> publisher.subscriberCount("lobby") == 1, "the client subscribes");

            CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

            // The farewell: a jittered hint within 0.5x-1.5x of house.sse.retry, so clients of a
            // stopping node do not all reconnect in the same millisecond (house.shutdown.stream-drain).
            String farewell = events.nextLineStartingWith("retry:");
            assertThat(Long.parseLong(farewell.substring("retry: ".length()))).isBetween(3500L, 10500L);
            assertThat(events.endsWithin()).isTrue();
            closing.get(5, TimeUnit.SECONDS);
        }
    }

    private static ConfigurableApplicationContext start(String setting) {
        return new SpringApplicationBuilder(SlowApplication.class)
                .web(WebApplicationType.NONE)
                .properties("house.port=0", "house.event-loops=1", setting)
                .run();
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class SlowApplication {

        @Bean
        SlowHandler slowHandler() {
            return new SlowHandler();
        }

        @Bean
        RequestRouter slowRouter(SlowHandler slow, SseChannels channels) {
            return Router.builder().get("/slow", slow).get("/events", channels::subscribe).build();
        }
    }

    /** Answers once the test releases it, telling the test when a request is in flight. */
    static final class SlowHandler implements Handler {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Response handle(Request request) throws InterruptedException {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            return Response.text("finally done");
        }
    }
}
