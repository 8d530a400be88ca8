package dev.house.core.http2;

import static dev.house.core.http2.H2SocketClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP/2 timers, graceful shutdown and the rapid-reset defence, on a real socket. */
class Http2LifecycleTest {
    private final SseChannels sse = SseChannels.create();
    private HouseServer server;
    private final CountDownLatch slowEntered = new CountDownLatch(1);

    private void start(UnaryOperator<ServerConfig.Builder> config) {
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("hello"))
                .get("/big", r -> Response.bytes(new byte[100_000], "application/octet-stream"))
                .get("/slow", r -> {
                    slowEntered.countDown();
                    Thread.sleep(700);
                    return Response.text("slow done");
                })
                .get("/events", r -> sse.subscribe(r, List.of("lobby")))
                .post("/upload", r -> Response.text("got " + r.body().length))
                .build(), config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        sse.close();
    }

    @Test
    void anIdleConnectionGetsGoAwayAndIsClosed() throws Exception {
        start(b -> b.idleTimeout(Duration.ofMillis(400)));
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            await(() -> client.sawFrame("GOAWAY 0 NO_ERROR"), "GOAWAY on the idle connection");
            await(() -> client.closedByServer, "the connection closed");
        }
    }

    @Test
    void aRequestWhoseBodyNeverEndsGets408OnItsStreamOnly() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(400)));
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.request(1, "POST", "/upload", false);
            await(() -> client.sawFrame("HEADERS 1 [:status=408"), "408 on the stream");
            client.get(3, "/hello");
            await(() -> client.text(3).equals("hello"), "the connection still serves");
            assertThat(client.closedByServer).isFalse();
        }
    }

    @Test
    void aStreamWhoseWindowNeverOpensIsResetAfterTheIdleTimeout() throws Exception {
        start(b -> b.idleTimeout(Duration.ofMillis(500)));
        try (H2SocketClient client = new H2SocketClient(server.port(), Http2Settings.INITIAL_WINDOW_SIZE, 0)) {
            client.get(1, "/big");
            await(() -> client.sawFrame("HEADERS 1 [:status=200"), "the response head");
            await(() -> client.sawFrame("RST_STREAM 1 CANCEL"), "the stalled stream reset");
            assertThat(client.text(1)).isEmpty();
        }
    }

    @Test
    void settingsNeverAcknowledgedEndTheConnectionWithSettingsTimeout() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(400)));
        try (H2SocketClient client = new H2SocketClient(false, server.port())) {
            await(() -> client.sawFrame("GOAWAY 0 SETTINGS_TIMEOUT"), "GOAWAY SETTINGS_TIMEOUT");
            await(() -> client.closedByServer, "the connection closed");
        }
    }

    @Test
    void shutdownSendsGoAwayTwiceLetsRequestsFinishAndEndsStreamsWithTheirFarewell() throws Exception {
        start(b -> b.shutdownGracePeriod(Duration.ofSeconds(5)));
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            client.flowing.addAll(List.of(1, 3));
            client.get(1, "/events");
            await(() -> sse.subscriberCount("lobby") == 1, "the subscription");
            client.get(3, "/slow");
            assertThat(slowEntered.await(10, TimeUnit.SECONDS)).as("the request is in flight").isTrue();
            Thread stopper = new Thread(server::stop);
            stopper.start();
            await(() -> client.sawFrame("GOAWAY 2147483647 NO_ERROR"), "the first GOAWAY");
            await(() -> client.sawFrame("END_STREAM 1"), "the SSE stream ended");
            // The farewell: a retry hint jittered around the configured one (SseShutdownDrainTest).
            String text = client.text(1);
            assertThat(text).endsWith("\n\n");
            long retry = sse.config().retry().toMillis();
            assertThat(Long.parseLong(text.substring(text.lastIndexOf("retry: ") + 7, text.length() - 2)))
                    .isBetween(retry / 2, retry * 3 / 2);
            await(() -> client.text(3).equals("slow done"), "the in-flight request finished");
            await(() -> client.sawFrame("GOAWAY 3 NO_ERROR"), "the final GOAWAY naming the last stream");
            await(() -> client.closedByServer, "the connection closed");
            stopper.join(10_000);
            List<String> frames = client.frames;
            assertThat(indexOf(frames, "GOAWAY 2147483647")).isLessThan(indexOf(frames, "GOAWAY 3"));
        } finally {
            server = null;
        }
    }

    private static int indexOf(List<String> frames, String prefix) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void rapidResetGetsEnhanceYourCalmAndAFreshConnectionIsServedAtOnce() throws Exception {
        start(b -> b);
        try (H2SocketClient attacker = new H2SocketClient(server.port())) {
            try {
                for (int id = 1; id < 2 * 400; id += 2) {
                    attacker.get(id, "/slow");
                    attacker.rst(id, Http2Error.CANCEL);
                }
            } catch (IOException e) {
                // the server may close before the loop ends
            }
            await(() -> attacker.frames.stream().anyMatch(f -> f.startsWith("GOAWAY") && f.contains("ENHANCE_YOUR_CALM")),
                    "GOAWAY ENHANCE_YOUR_CALM");
            await(() -> attacker.closedByServer, "the attacker's connection closed");
        }
        try (H2SocketClient fresh = new H2SocketClient(server.port())) {
            fresh.get(1, "/hello");
            await(() -> fresh.text(1).equals("hello"), "a fresh connection served");
        }
    }
}
