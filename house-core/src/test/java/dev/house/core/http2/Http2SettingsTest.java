package dev.house.core.http2;

import static dev.house.core.http2.H2SocketClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Response;
import dev.house.core.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SETTINGS a running server sends come from its configuration (issue #14, "Settings we send, configurable"). */
class Http2SettingsTest {
    private HouseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theServerAdvertisesItsConfiguredStreamsWindowFrameSizeAndHeaderListLimit() throws Exception {
        HttpLimits limits = HttpLimits.defaults();
        server = TestServers.start(Router.builder().get("/hello", r -> Response.text("hello")).build(), b -> b
                .http2MaxConcurrentStreams(16)
                .http2InitialWindowSize(1 << 20)
                .http2MaxFrameSize(32_768)
                .limits(new HttpLimits(limits.maxRequestLine(), 8_000, limits.maxHeaderCount(), limits.maxBodySize())));
        try (H2SocketClient client = new H2SocketClient(server.port())) {
            // HEADER_TABLE_SIZE, MAX_CONCURRENT_STREAMS, INITIAL_WINDOW_SIZE, MAX_FRAME_SIZE, MAX_HEADER_LIST_SIZE; never ENABLE_PUSH.
            String expected = "SETTINGS {1=4096, 3=16, 4=1048576, 5=32768, 6=8000}";
            await(() -> client.sawFrame("SETTINGS {"), "the server's SETTINGS");
            assertThat(client.frames).contains(expected);
        }
    }
}
