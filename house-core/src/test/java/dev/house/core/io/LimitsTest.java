package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LimitsTest {
    private HouseServer server;

    private HouseServer start(java.util.function.UnaryOperator<dev.house.core.ServerConfig.Builder> config) {
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("Hello, world"))
                .post("/body", r -> Response.text("got " + r.body().length))
                .build(), config);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void tooLongRequestLineGets414() throws Exception {
        start(b -> b);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(414);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void tooLargeHeaderSectionGets431() throws Exception {
        start(b -> b);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            String big = "X-Big: " + "b".repeat(17 * 1024) + "\r\n";
            assertThat(client.send("GET /hello HTTP/1.1\r\nHost: x\r\n" + big + "\r\n").read().status()).isEqualTo(431);
        }
    }

    @Test
    void tooManyHeaderFieldsGets431() throws Exception {
        start(b -> b);
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            fields.append("X-F").append(i).append(": v\r\n");
        }
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.send("GET /hello HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n").read().status())
                    .isEqualTo(431);
        }
    }

    @Test
    void declaredBodyOverTheLimitGets413WithoutReadingIt() throws Exception {
        start(b -> b.limits(HttpLimits.defaults().withMaxBodySize(1000)));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.bodyText()).isNotBlank();
        }
    }

    @Test
    void oversizedExpectContinueGets413WithoutContinue() throws Exception {
        start(b -> b.limits(HttpLimits.defaults().withMaxBodySize(1000)));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send(
                    "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(413);
        }
    }

    @Test
    void chunkedBodyGrowingOverTheLimitGets413() throws Exception {
        start(b -> b.limits(HttpLimits.defaults().withMaxBodySize(1000)));
        String chunk = Integer.toHexString(600) + "\r\n" + "c".repeat(600) + "\r\n";
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("POST /body HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + chunk + chunk + "0\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(413);
        }
    }

    @Test
    void incompleteRequestGets408AfterTheRequestTimeout() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(300)));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            long started = System.nanoTime();
            HttpResponse response = client.send("GET /hello HTTP/1.1\r\nHost: x\r\n").read();
            assertThat(response.status()).isEqualTo(408);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void slowlorisDrippingBytesStillGets408() throws Exception {
        start(b -> b.requestTimeout(Duration.ofMillis(400)));
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("GET /hello HTTP/1.1\r\n");
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            int i = 0;
            // keep dripping header bytes until the server gives up on the request
            while (System.nanoTime() < deadline) {
                try {
                    client.send("X-" + (i++) + ": y\r\n");
                } catch (java.io.IOException closed) {
                    break;
                }
                if (client.input().available() > 0) {
                    break;
                }
                Thread.sleep(50);
            }
            assertThat(client.read().status()).isEqualTo(408);
        }
    }

    @Test
    void idleKeepAliveConnectionIsClosedSilently() throws Exception {
        start(b -> b.idleTimeout(Duration.ofMillis(300)));
        try (RawHttpClient client = new RawHttpClient(server.port(), 3000)) {
            assertThat(client.get("/hello").read().status()).isEqualTo(200);
            assertThat(client.input().read()).isEqualTo(-1); // no 408, just closed
        }
    }

    @Test
    void connectionsBeyondTheLimitGet503() throws Exception {
        start(b -> b.maxConnections(2));
        try (RawHttpClient first = new RawHttpClient(server.port());
             RawHttpClient second = new RawHttpClient(server.port())) {
            assertThat(first.get("/hello").read().status()).isEqualTo(200);
            assertThat(second.get("/hello").read().status()).isEqualTo(200);
            try (RawHttpClient third = new RawHttpClient(server.port())) {
                HttpResponse response = third.get("/hello").read();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.bodyText()).contains("connection limit");
                assertThat(server.connectionsRefusedAtLimit()).isEqualTo(1);
            }
        }
    }
}
